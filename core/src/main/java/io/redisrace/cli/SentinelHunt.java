package io.redisrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.hunt.FailoverHunt;
import io.redisrace.hunt.FailoverResult;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.HuntTarget;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.hunt.StrikePlan;
import io.redisrace.process.RunDir;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.Topology;
import io.redisrace.topology.TopologyFault;
import io.redisrace.topology.TopologyFaults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code redis-race hunt --topology sentinel}: the hunt on a Sentinel topology's primary, through
 * counters in Sentinel mode. Without {@code --fault} one plain hunt; with it, for each persistence
 * mode one topology, and on it each fault x variant a {@link FailoverHunt}, each cell printed and
 * added to {@code --run-dir}'s {@link RunDir#COUNTER_FAILOVER}.
 */
final class SentinelHunt {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HuntCommand c;
  private final PrintWriter out;
  private final PrintWriter err;

  SentinelHunt(HuntCommand c, PrintWriter out, PrintWriter err) {
    this.c = c;
    this.out = out;
    this.err = err;
  }

  int run(ServerSpec serverSpec, ClientMode mode, Duration bound) throws IOException {
    ServerSpec server = serverSpec.unpinned();
    Topology.SENTINEL.requireRunnableOn(server);
    if (c.viaToxiproxy) {
      throw new HarnessException("--via-toxiproxy applies to --topology single; every link of the Sentinel topology goes through Toxiproxy already.");
    }
    List<Persistence> modes = list(c.persistence == null ? "none" : c.persistence, Persistence::parse);
    if (c.fault == null) {
      if (modes.size() > 1) {
        throw new HarnessException("Several --persistence modes need --fault; a plain hunt runs on one topology.");
      }
      if (c.runDir != null) {
        throw new HarnessException("--run-dir records hunts under --fault; without one, use --json.");
      }
      return plain(server, modes.get(0), CounterVariants.parse(c.variant), mode, bound);
    }
    List<TopologyFault> faults = list(c.fault, TopologyFaults::parse);
    List<CounterVariant> variants = c.variant.equals("all") ? CounterVariants.all() : list(c.variant, CounterVariants::parse);
    StrikePlan plan = new StrikePlan(faults.get(0), c.strikes, c.strikeEvery, c.hold == null ? Duration.ZERO : c.hold);
    long ttl = c.ttlMs == null ? FailoverHunt.DEFAULT_TTL.toMillis() : c.ttlMs;
    HuntSettings.of(variants.get(0), mode, ttl, c.threads, c.keys, bound, c.ops); // bad numbers: one sentence before any process starts
    if (ttl < FailoverHunt.MIN_TTL.toMillis() || c.ops > 0) {
      throw new HarnessException(c.ops > 0 ? "Under --fault the hunt is bounded by --duration and the strikes, not by --ops."
          : "Under --fault --ttl-ms must be at least " + FailoverHunt.MIN_TTL.toMillis() + ", so that no key expires on its own during the hunt.");
    }
    List<FailoverResult> results = new ArrayList<>();
    for (Persistence p : modes) {
      try (SentinelTopology t = SentinelTopology.builder(server).persistence(p).start()) {
        out.printf("hunt: Sentinel topology of %s (persistence %s) healthy after %d ms%n", Topology.describe(server), p.id(), t.startup().toMillis());
        out.flush();
        for (TopologyFault f : faults) {
          for (CounterVariant v : variants) {
            if (v.unsupportedOn(HuntTarget.of(t).version()).isPresent()) {
              out.printf("hunt: %s skipped: %s%n", v.id(), v.unsupportedOn(HuntTarget.of(t).version()).get());
              continue;
            }
            HuntSettings s = HuntSettings.of(v, mode, ttl, c.threads, c.keys, bound, 0);
            out.printf("hunt: variant=%s client=%s fault=%s x%d persistence=%s ttl=%dms threads=%d keys=%d bound=%s%n", v.id(), mode.id(),
                f.id(), c.strikes, p.id(), ttl, c.threads, c.keys, HuntCommand.describeBound(bound, 0));
            out.flush();
            FailoverResult r = FailoverHunt.run(t, p.id(), s, new StrikePlan(f, plan.strikes(), plan.every(), plan.hold()), c.progress(err));
            HuntCommand.print(out, r.hunt());
            FailoverHunt.describe(r).forEach(out::println);
            out.flush();
            results.add(r);
            if (c.runDir != null) {
              out.println("wrote " + record(c.runDir.resolve(RunDir.COUNTER_FAILOVER), r));
            }
            if (!r.healed()) {
              throw new HarnessException("The Sentinel topology was not healed after " + f.id() + " (" + r.strikes().get(r.strikes().size() - 1)
                  .notHealed().orElse("?") + "); the remaining cells were not run.");
            }
          }
        }
      }
    }
    if (c.json != null) {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode cells = root.putArray("cells");
      results.forEach(r -> cells.add(cell(r)));
      out.println("wrote " + RunDir.writeJson(c.json, JSON, root)); // the cells of counter-failover.json
    }
    return 0;
  }

  private int plain(ServerSpec server, Persistence p, CounterVariant v, ClientMode mode, Duration bound) throws IOException {
    long ttl = c.ttlMs == null ? 20 : c.ttlMs;
    HuntSettings s = HuntSettings.of(v, mode, ttl, c.threads, c.keys, bound, c.ops).stopAfterTtlLess(c.stopAfter);
    try (SentinelTopology t = SentinelTopology.builder(server).persistence(p).start()) {
      v.unsupportedOn(HuntTarget.of(t).version()).ifPresent(reason -> {
        throw new HarnessException(reason);
      });
      out.printf("hunt: variant=%s client=%s server=%s (Sentinel topology, persistence %s, healthy after %d ms) ttl=%dms threads=%d keys=%d bound=%s%n",
          v.id(), mode.id(), server.id(), p.id(), t.startup().toMillis(), ttl, c.threads, c.keys, HuntCommand.describeBound(bound, c.ops));
      out.flush();
      HuntResult r = RaceHunt.run(HuntTarget.of(t), s, c.progress(err));
      HuntCommand.print(out, r);
      if (c.json != null) {
        HuntCommand.writeJson(r, c.json);
        out.println("wrote " + c.json);
      }
      return r.errors() > 0 && r.ops() == 0 ? 1 : 0;
    }
  }

  private static <T> List<T> list(String text, Function<String, T> parse) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(parse).distinct().toList();
  }

  /** Adds (or replaces) the cell of {@code r} in the run directory's counter-failover.json. */
  static Path record(Path file, FailoverResult r) throws IOException {
    ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
    ArrayNode cells = root.has("cells") ? (ArrayNode) root.get("cells") : root.putArray("cells");
    ObjectNode cell = cell(r);
    for (int i = 0; i < cells.size(); i++) {
      if (sameCell(cells.get(i), cell)) {
        cells.remove(i);
        break;
      }
    }
    cells.add(cell);
    return RunDir.writeJson(file, JSON, root);
  }

  private static boolean sameCell(JsonNode a, JsonNode b) {
    return List.of("server", "variant", "client", "fault", "persistence").stream().allMatch(f -> a.path(f).asText().equals(b.path(f).asText()));
  }

  static ObjectNode cell(FailoverResult r) {
    HuntResult h = r.hunt();
    ObjectNode n = JSON.createObjectNode();
    n.put("server", h.server()).put("version", h.serverVersion()).put("topology", r.topology()).put("variant", h.variant())
        .put("client", h.client()).put("fault", r.fault()).put("persistence", r.persistence()).put("strikes", r.strikes().size())
        .put("failedOver", r.failedOver()).put("healed", r.healed()).put("ttlMs", h.ttlMs()).put("threads", h.threads()).put("keys", h.keys())
        .put("ops", h.ops()).put("errors", h.errors()).put("elapsedMs", h.elapsed().toMillis()).put("acknowledged", r.acknowledged())
        .put("lostIncrements", r.lostIncrements()).put("unaccountedIncrements", r.unaccountedIncrements()).put("keysLost", r.keysLost()).put("ttlLessKeys", r.ttlLessKeys()).put("exact", r.exact());
    ArrayNode what = n.putArray("strikeOutcomes");
    r.strikes().forEach(o -> what.add(o.what() + "; primary " + o.primaryBefore() + " -> " + o.primaryAfter() + "; "
        + (o.healed() ? "healthy after " + o.took().toMillis() + " ms" : "not healed: " + o.notHealed().get())));
    ArrayNode worst = n.putArray("worstKeys");
    r.worstKeys().forEach(worst::add);
    return n;
  }
}
