package io.redisrace.chaos.runner;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.redisrace.chaos.history.Op;
import java.util.List;
import java.util.Map;

/**
 * One trial in {@code chaos.json} (schema {@value ChaosResults#SCHEMA}, documented in docs/chaos.md).
 *
 * @param index            position in the run
 * @param seed             the trial's own seed (with variant, fault, client: replays it)
 * @param variant          loader variant id
 * @param fault            fault id
 * @param client           client mode id
 * @param loaders          loader processes of the trial (A plus competitors B, C, ...)
 * @param chunkSize        rows per chunk
 * @param skewMs           start skew of the competitors (bound of the seeded draws)
 * @param startDelaysMs    how long after A each competitor was released, ms
 * @param chunks           chunks of the source
 * @param chunk            chunk at which the fault hit
 * @param phase            step at which loader A was held when it hit (null for none)
 * @param competitor       whether other loaders ran on the same table
 * @param faultApplied     whether the fault hit as planned
 * @param note             what the nemesis did
 * @param runs             every loader run: process name, exit code (137 = SIGKILL, 3 = failed) and, for a run
 *                         that failed by itself, the last lines of its output
 * @param restarts         runs started by the supervisor
 * @param complete         every chunk marked (plain: a run finished) before the supervisor's bound
 * @param rows             source rows
 * @param read             list elements read back
 * @param lost             ids lost
 * @param duplicated       surplus copies
 * @param duplicatedChunks chunks with a duplicated row
 * @param firstDuplicateMs ms into the trial at which a chunk was first acknowledged as committed twice (null: never)
 * @param lostIds          first lost ids (at most 50)
 * @param duplicatedIds    first duplicated ids with their counts (at most 50)
 * @param bitmap           bitmap inconsistencies, one sentence each
 * @param ackedButLost     chunks acknowledged as applied whose rows are missing
 * @param loaderError      a black-box loader's own failure (not found, exited at once, never connected, garbage on
 *                         the control socket): one sentence with its last output lines; the trial is then not valid
 * @param valid            nothing lost, duplicated, unexpected or inconsistent, and no loader error
 * @param durationMs       wall time of the trial
 * @param replay           command that replays this trial
 * @param topology         {@code --topology sentinel} only (null otherwise): which node held what when - the primary
 *                         before and after the fault, whether the topology healed ({@code notHealed}: its problem),
 *                         the chunks acknowledged as applied but missing from the primary right after the heal
 *                         ({@code lostAtHeal}, before any re-run), and each node's list length at the end
 * @param history          the trial's history
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialRecord(
    int index,
    long seed,
    String variant,
    String fault,
    String client,
    int loaders,
    int chunkSize,
    int skewMs,
    List<Integer> startDelaysMs,
    int chunks,
    int chunk,
    String phase,
    boolean competitor,
    boolean faultApplied,
    String note,
    List<Map<String, Object>> runs,
    int restarts,
    boolean complete,
    long rows,
    long read,
    int lost,
    int duplicated,
    int duplicatedChunks,
    Long firstDuplicateMs,
    List<Long> lostIds,
    Map<Long, Integer> duplicatedIds,
    List<String> bitmap,
    List<Integer> ackedButLost,
    String loaderError,
    boolean valid,
    long durationMs,
    String replay,
    Map<String, Object> topology,
    List<Op> history) {

  public boolean hasLoss() {
    return lost > 0;
  }

  public boolean hasDuplication() {
    return duplicated > 0;
  }

  /** An acknowledged commit was missing at the end, or on the primary right after a topology fault healed. */
  public boolean hasAckedLoss() {
    Object atHeal = topology == null ? null : topology.get("lostAtHeal");
    return !ackedButLost.isEmpty() || (atHeal instanceof List<?> l && !l.isEmpty());
  }
}
