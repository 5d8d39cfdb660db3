package io.redisrace.chaos.checker;

import io.redisrace.chaos.history.Op;
import io.redisrace.loader.SourceTable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Audits one trial, Jepsen-style: compares what the source holds, what the history says was
 * acknowledged, and what a final read of the list and the bitmap returns.
 *
 * <ul>
 *   <li>lost: a source id that is not in the list;</li>
 *   <li>duplicated: an id in the list more than once (reported with its count), and the chunks
 *       holding such ids (the unit of the duplication rate);</li>
 *   <li>unexpected: an element that is no source row;</li>
 *   <li>bitmap inconsistent (marking variants): a chunk marked done whose rows are not all there, a
 *       chunk whose rows are all there but not marked, a bit set past the last chunk;</li>
 *   <li>acknowledged but lost: an {@code ok} commit with {@code applied=true} whose rows are missing.</li>
 * </ul>
 * The checker is a pure function of its inputs: unit-tested on hand-written histories.
 */
public final class Checker {
  private Checker() {}

  /**
   * @param rows       source rows, ids 1..rows
   * @param chunkSize  rows per chunk
   * @param marks      whether the variant marks finished chunks (bitmap consistency is checked)
   * @param list       the list as read back (any order)
   * @param bitmap     the bits of the done bitmap as read back
   * @param history    the trial's history
   */
  public static Verdict check(long rows, int chunkSize, boolean marks, List<String> list, BitSet bitmap, List<Op> history) {
    Map<Long, Integer> counts = new HashMap<>();
    List<String> unexpected = new ArrayList<>();
    for (String element : list) {
      long id = SourceTable.idOf(element);
      if (id < 1 || id > rows) {
        unexpected.add(element);
        continue;
      }
      counts.merge(id, 1, Integer::sum);
    }
    List<Long> lost = new ArrayList<>();
    Map<Long, Integer> dups = new TreeMap<>();
    for (long id = 1; id <= rows; id++) {
      int c = counts.getOrDefault(id, 0);
      if (c == 0) {
        lost.add(id);
      } else if (c > 1) {
        dups.put(id, c);
      }
    }
    int chunks = (int) ((rows + chunkSize - 1) / chunkSize);
    List<String> bitmapIssues = new ArrayList<>();
    if (marks) {
      for (int c = 0; c < chunks; c++) {
        boolean complete = true;
        for (long id = (long) c * chunkSize + 1; id <= Math.min((long) (c + 1) * chunkSize, rows); id++) {
          complete &= counts.containsKey(id);
        }
        if (bitmap.get(c) && !complete) {
          bitmapIssues.add("chunk " + c + " is marked done but some of its rows are missing.");
        } else if (!bitmap.get(c) && complete) {
          bitmapIssues.add("chunk " + c + " is loaded but not marked done.");
        }
      }
      int past = bitmap.nextSetBit(chunks);
      if (past >= 0) {
        bitmapIssues.add("bit " + past + " is set but there are only " + chunks + " chunks.");
      }
    }
    Set<Integer> ackedLost = new TreeSet<>();
    for (Op op : history) {
      if (op.type() == Op.Type.ok && "commit".equals(op.f()) && Boolean.TRUE.equals(op.detail().get("applied"))
          && op.value() instanceof Number n) {
        int c = n.intValue();
        for (long id = (long) c * chunkSize + 1; id <= Math.min((long) (c + 1) * chunkSize, rows); id++) {
          if (!counts.containsKey(id)) {
            ackedLost.add(c);
            break;
          }
        }
      }
    }
    Set<Integer> dupChunks = new TreeSet<>();
    dups.keySet().forEach(id -> dupChunks.add((int) ((id - 1) / chunkSize)));
    Long firstDuplicateMs = null;
    for (int c : dupChunks) {
      int applied = 0;
      for (Op op : history) {
        if (op.type() == Op.Type.ok && "commit".equals(op.f()) && Boolean.TRUE.equals(op.detail().get("applied"))
            && op.value() instanceof Number n && n.intValue() == c && ++applied == 2) {
          firstDuplicateMs = firstDuplicateMs == null ? op.timeMs() : Math.min(firstDuplicateMs, op.timeMs());
          break;
        }
      }
    }
    boolean valid = lost.isEmpty() && dups.isEmpty() && unexpected.isEmpty() && bitmapIssues.isEmpty() && ackedLost.isEmpty();
    return new Verdict(valid, rows, list.size(), lost, dups, unexpected, bitmapIssues, List.copyOf(ackedLost), chunks,
        List.copyOf(dupChunks), firstDuplicateMs);
  }
}
