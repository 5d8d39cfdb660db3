package io.redisrace.chaos.runner;

import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.chaos.workload.ControlServer;
import io.redisrace.chaos.workload.LoaderLauncher;
import io.redisrace.chaos.workload.Workloads;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerSpec;
import io.redisrace.source.Source;
import io.redisrace.source.Sources;
import io.redisrace.toxi.ToxiproxyServer;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import io.redisrace.topology.SentinelTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything a chaos run shares: its {@link Deployment} (one redis-server, a Sentinel topology
 * with {@code --topology sentinel}, a cluster with {@code --topology cluster}), one toxiproxy-server, the control server, the
 * source (with its SQL server, for mariadb and postgres) and its tables, and a scratch dir for
 * loader logs. Closing it stops all of them (and every loader, whose control channel closes).
 *
 * <p>With {@code --copies N} it holds N independent deployments, each on a toxiproxy-server of its
 * own (a topology names its proxies after its nodes), and one {@link TrialRunner} per copy; the
 * run gives each trial one copy ({@link CopyPool}). Copy 0 is the one {@link #redis()} and
 * {@link #runner()} name.
 */
public final class ChaosEnvironment implements AutoCloseable {
  private final Source source;
  private final ControlServer control;
  private final Path workDir;
  /** Copy i: its deployment, the toxiproxy-server it is on, and its runner. */
  private final List<Deployment> deployments;
  private final List<ToxiproxyServer> toxiproxies;
  private final List<TrialRunner> runners;
  /** What {@link #replace} needs to build a copy again. */
  private final ChaosSettings settings;
  private final Workloads workloads;
  private final LoaderLauncher launcher;

  private ChaosEnvironment(ChaosSettings settings, Source source, Workloads workloads, ControlServer control, LoaderLauncher launcher, Path workDir,
      List<Deployment> deployments, List<ToxiproxyServer> toxiproxies, List<TrialRunner> runners) {
    this.settings = settings;
    this.source = source;
    this.workloads = workloads;
    this.control = control;
    this.launcher = launcher;
    this.workDir = workDir;
    this.deployments = new CopyOnWriteArrayList<>(deployments);
    this.toxiproxies = new CopyOnWriteArrayList<>(toxiproxies);
    this.runners = new CopyOnWriteArrayList<>(runners);
  }

  public static ChaosEnvironment start(ChaosSettings s) {
    Path work = HarnessDirs.newWorkDir("chaos-");
    Source source = Sources.open(s.source(), s.table(), work);
    Workloads workloads = new Workloads(source);
    List<Deployment> deployments = new ArrayList<>();
    List<ToxiproxyServer> toxiproxies = new ArrayList<>();
    ControlServer control = null;
    try {
      for (int copy = 0; copy < s.topology().copies(); copy++) {
        toxiproxies.add(ToxiproxyServer.start(s.topology().replicated() ? Backend.EMBEDDED : s.backend()));
        deployments.add(deploy(s, toxiproxies.get(copy)));
      }
      control = new ControlServer();
      LoaderLauncher launcher = new LoaderLauncher(control, work.resolve("logs"));
      String backend = deployments.get(0).backend();
      List<TrialRunner> runners = new ArrayList<>();
      for (Deployment d : deployments) {
        runners.add(runnerOf(s, d, control, launcher, workloads, backend));
      }
      return new ChaosEnvironment(s, source, workloads, control, launcher, work, deployments, toxiproxies, runners);
    } catch (IOException e) {
      closeAll(control, deployments, toxiproxies, source);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeAll(control, deployments, toxiproxies, source);
      throw e;
    }
  }

  private static TrialRunner runnerOf(ChaosSettings s, Deployment d, ControlServer control, LoaderLauncher launcher, Workloads workloads,
      String backend) {
    return new TrialRunner(d, control, launcher, workloads, s.clientTimeout(), plan -> replayCommand(s, plan, backend));
  }

  /**
   * Replaces copy {@code copy} by a new one: its deployment and its toxiproxy-server are stopped and
   * started again with the run's settings, with a runner of its own. The run does this when a trial
   * left the copy not healed (or failed inside the harness while it held the copy), so that one
   * topology that did not recover does not make every later trial on it invalid. The caller holds
   * the copy alone.
   */
  public void replace(int copy) {
    close(deployments.get(copy), toxiproxies.get(copy));
    ToxiproxyServer toxiproxy = ToxiproxyServer.start(settings.topology().replicated() ? Backend.EMBEDDED : settings.backend());
    toxiproxies.set(copy, toxiproxy);
    Deployment fresh;
    try {
      fresh = deploy(settings, toxiproxy);
    } catch (RuntimeException e) {
      close(toxiproxy);
      throw e;
    }
    deployments.set(copy, fresh);
    runners.set(copy, runnerOf(settings, fresh, control, launcher, workloads, fresh.backend()));
  }

  private static void closeAll(ControlServer control, List<Deployment> deployments, List<ToxiproxyServer> toxiproxies, Source source) {
    List<AutoCloseable> all = new ArrayList<>();
    all.add(control);
    all.addAll(deployments);
    all.addAll(toxiproxies);
    all.add(source);
    close(all.toArray(AutoCloseable[]::new));
  }

  /** One redis-server, or the Sentinel topology or the cluster on {@code toxiproxy} (its nodes with the run's persistence). */
  static Deployment deploy(ChaosSettings s, ToxiproxyServer toxiproxy) {
    TopologySettings t = s.topology();
    if (t.topology() == Topology.CLUSTER) {
      return new ClusterDeployment(ClusterTopology.builder(ServerSpec.parse(s.server())).persistence(t.persistence())
          .toxiproxy(toxiproxy).start(), toxiproxy, t.refresh());
    }
    if (!t.sentinel()) {
      RedisServer.Builder b = serverFor(s);
      t.persistence().config().forEach((k, v) -> {
        if (t.persistence() != Persistence.NONE) {
          b.withConfig(k, v);
        }
      });
      return new SingleDeployment(b.start(), toxiproxy);
    }
    SentinelTopology.Builder b = SentinelTopology.builder(ServerSpec.parse(s.server())).persistence(t.persistence()).toxiproxy(toxiproxy);
    if (t.minReplicasToWrite() > 0) {
      b.config("min-replicas-to-write", Integer.toString(t.minReplicasToWrite()));
    }
    return new SentinelDeployment(b.start(), toxiproxy);
  }

  /**
   * The redis-server of a run, with the directives its faults need on the version its id promises
   * (server-pause: {@code enable-debug-command} from 7.0). A server whose version is known only once
   * it runs (system, an image, a URL) gets none; a fault that needs them then reports itself not
   * applied.
   */
  static RedisServer.Builder serverFor(ChaosSettings s) {
    ServerSpec spec = ServerSpec.parse(s.server());
    RedisServer.Builder builder = RedisServer.builder(spec).withBackend(s.backend());
    spec.promisedVersion().ifPresent(version -> s.faults().forEach(f -> f.serverConfig(version).forEach(builder::withConfig)));
    return builder;
  }

  /** The command that replays one trial: its seed, variant, fault, client, loaders, chunking and skew. */
  static String replayCommand(ChaosSettings s, TrialPlan p, String backend) {
    return "java -jar chaos/target/redis-race-chaos.jar trial --seed " + p.seed() + " --variant " + p.variant().id()
        + " --fault " + p.fault().id() + " --client " + p.client().id() + " --loaders " + p.shape().loaders()
        + " --rows " + p.shape().rows() + " --chunk-size " + p.shape().chunkSize()
        + (p.shape().skewMs() == 0 ? "" : " --skew-ms " + p.shape().skewMs()) + " --server " + s.server() + (backend.equals("embedded") ? "" : " --backend " + backend)
        + " --timeout-ms " + s.clientTimeout().toMillis()
        + (s.source().equals("sqlite") ? "" : s.source().startsWith("jdbc:") ? " --source '" + s.source() + "' --table " + s.table()
            : " --source " + s.source()) + s.topology().flags()
        + (p.variant() instanceof CommandLoader c ? c.flags() : "");
  }

  /** The runner of copy 0. */
  public TrialRunner runner() {
    return runners.get(0);
  }

  /** The runner of copy {@code copy} (0 to {@link #copies()} - 1). */
  public TrialRunner runner(int copy) {
    return runners.get(copy);
  }

  /** How many independent deployments the run has ({@code --copies}). */
  public int copies() {
    return deployments.size();
  }

  /** What the run writes to (copy 0): one redis-server or the Sentinel topology. */
  public Deployment redis() {
    return deployments.get(0);
  }

  public Deployment deployment() {
    return deployments.get(0);
  }

  /** Where the rows come from (a server this run started, for mariadb and postgres). */
  public Source source() {
    return source;
  }

  /** The toxiproxy-server of copy 0. */
  public ToxiproxyServer toxiproxy() {
    return toxiproxies.get(0);
  }

  private static void close(AutoCloseable... all) {
    for (AutoCloseable c : all) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort
        }
      }
    }
  }

  @Override
  public void close() {
    closeAll(control, deployments, toxiproxies, source);
    HarnessDirs.deleteTree(workDir);
  }
}
