package io.redisrace.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.server.RedisVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.openjdk.jmh.runner.Runner;

/** The machine a benchmark runs on, probed: host, OS, CPU, memory, JVM, JMH and server versions. */
final class BenchEnvironment {
  private BenchEnvironment() {}

  /** Machine, JVM and server versions, for the baseline's record and the report's header. */
  static ObjectNode environment(Map<String, RedisVersion> versions) {
    ObjectNode env = JsonNodeFactory.instance.objectNode();
    env.put("host", hostName());
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    env.put("cpu", cpuModel());
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("memory", memTotal());
    env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vm.vendor") + ")");
    env.put("jmh", Runner.class.getPackage().getImplementationVersion() == null ? "1.37" : Runner.class.getPackage().getImplementationVersion());
    env.set("fingerprint", MachineFingerprint.current());
    ObjectNode servers = env.putObject("servers");
    versions.forEach((id, v) -> servers.put(id, v.toString()));
    return env;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    return MachineFingerprint.cpuModel();
  }

  private static String memTotal() {
    return MachineFingerprint.procField("/proc/meminfo", "MemTotal").orElse("unknown");
  }
}
