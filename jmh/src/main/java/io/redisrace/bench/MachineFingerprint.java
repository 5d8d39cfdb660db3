package io.redisrace.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What decides whether two runs' throughput can be compared at all: the machine fingerprint that
 * BenchRunner records in {@code run.json} ({@code environment.fingerprint}) and that the gate
 * compares with the baseline's before it compares any ops/s.
 *
 * <ul>
 *   <li>{@code cpu}: the CPU model ({@code /proc/cpuinfo} "model name"; the architecture where there is none);</li>
 *   <li>{@code cores}: the processors this JVM may use;</li>
 *   <li>{@code jvm}: vendor and exact runtime version (another JIT is another machine);</li>
 *   <li>{@code arch}: {@code os.arch}.</li>
 * </ul>
 *
 * Left out on purpose: the host name (CI runners get a new one every job), the kernel version
 * (updated under a runner kind without changing its speed class), the memory size (the benchmarks
 * use a fixed 512 MB heap) and the load. The load matters most (a busy neighbour changed one
 * cell by 4x, see docs/benchmarks.md) but cannot be fingerprinted: that is what same-run A/B
 * gating ({@code -Dgate.against}) is for.
 */
public final class MachineFingerprint {
  private MachineFingerprint() {}

  /** The fingerprint of the machine and JVM this code runs on. */
  public static ObjectNode current() {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("cpu", cpuModel());
    f.put("cores", Runtime.getRuntime().availableProcessors());
    f.put("jvm", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    f.put("arch", System.getProperty("os.arch"));
    return f;
  }

  static String cpuModel() {
    return procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
  }

  static Optional<String> procField(String file, String field) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(l -> l.startsWith(field))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
