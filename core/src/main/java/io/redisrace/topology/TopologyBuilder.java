package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.server.Backend;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.ToxiproxyServer;
import java.time.Duration;
import java.util.Optional;

/**
 * What the builders of both replicated topologies ({@link SentinelTopology.Builder},
 * {@link ClusterTopology.Builder}) share: the version, the data nodes' persistence, how long start
 * may wait for health, the Toxiproxy to put the proxies on, and the frame of {@link #start()}: a
 * topology that does not become healthy is stopped whole and reported in one sentence.
 */
public abstract class TopologyBuilder<B extends TopologyBuilder<B, T>, T extends AutoCloseable> {
  final ServerSpec spec;
  private final Topology topology;
  private final String what; // the topology in a sentence: "The Sentinel topology", "The cluster"
  Persistence persistence = Persistence.NONE;
  Duration healthTimeout = Duration.ofSeconds(30);
  private ToxiproxyServer toxiproxy; // null: start one and own it

  TopologyBuilder(ServerSpec spec, Topology topology, String what) {
    this.spec = spec;
    this.topology = topology;
    this.what = what;
  }

  public B persistence(Persistence p) {
    this.persistence = p;
    return self();
  }

  public B healthTimeout(Duration d) {
    this.healthTimeout = d;
    return self();
  }

  /** A running Toxiproxy to create the proxies on (the topology then deletes its proxies, not the server). */
  public B toxiproxy(ToxiproxyServer t) {
    this.toxiproxy = t;
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The topology, no process started yet, on {@code proxies} ({@code owns}: it stops that Toxiproxy when it closes). */
  abstract T create(ToxiproxyServer proxies, boolean owns);

  /** Starts its processes and waits up to {@link #healthTimeout} for health; the problem left (empty: healthy). */
  abstract Optional<String> startProcesses(T t);

  /** Records how long start took, once healthy. */
  abstract void started(T t, Duration took);

  /** Starts every process and returns once the topology is healthy, or stops them all and throws one sentence. */
  public T start() {
    topology.requireRunnableOn(spec);
    long t0 = System.nanoTime();
    boolean owns = toxiproxy == null;
    T t = create(owns ? ToxiproxyServer.start(Backend.EMBEDDED) : toxiproxy, owns);
    try {
      Optional<String> problem = startProcesses(t);
      if (problem.isPresent()) {
        throw new HarnessException(what + " (" + Topology.describe(spec) + ") was not healthy within "
            + healthTimeout.toSeconds() + " s: " + problem.get() + ".");
      }
      started(t, Duration.ofNanos(System.nanoTime() - t0));
      return t;
    } catch (RuntimeException e) {
      try {
        t.close();
      } catch (Exception second) {
        e.addSuppressed(second);
      }
      throw e;
    }
  }
}
