package io.redisrace.junit5;

import io.redisrace.HasId;
import io.redisrace.chaos.ChaosCli;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;

/** Where a user's class comes from, and whether the processes the harness starts can load it. */
final class ClassPaths {
  private ClassPaths() {}

  /**
   * The jar or classes directory of {@code type}, absolute; empty for a class of the harness itself
   * (its jars are the CLI's own) or one without a code source.
   */
  static String location(Class<?> type) {
    String where = codeSource(type);
    return where.equals(codeSource(HasId.class)) || where.equals(codeSource(ChaosCli.class)) ? "" : where;
  }

  private static String codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "";
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize().toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return "";
    }
  }

  /** True when {@code location} is an entry of this JVM's {@code java.class.path}, which loader processes run with. */
  static boolean onJavaClassPath(String location) {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .anyMatch(e -> Path.of(e).toAbsolutePath().normalize().toString().equals(location));
  }
}
