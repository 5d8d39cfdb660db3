package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** The packaged chaos jar that the tests which run the CLI as a separate process start. */
public final class ChaosJar {
  private ChaosJar() {}

  /** {@code -Dchaos.jar}, else {@code target/redis-race-chaos.jar}, absolute; fails with what to run when it is not built. */
  public static Path path() {
    Path jar = Path.of(System.getProperty("chaos.jar", "target/redis-race-chaos.jar")).toAbsolutePath();
    assertThat(jar).as("the chaos jar, which `mvn package` builds (running one class alone: `mvn -pl chaos -am package -DskipTests` first)")
        .exists();
    return jar;
  }
}
