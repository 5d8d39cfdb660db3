package io.redisrace.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the harness as rules over its compiled classes (every module's main classes;
 * the Maven modules themselves keep core below jmh and chaos, and results last).
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  /** No two packages import each other, directly or around a circle (chaos and its subpackages too). */
  static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.redisrace.(**)").as("io.redisrace packages")
      .should().beFreeOfCycles();

  /**
   * The libraries never reach up to the command line: neither the {@code redis-race} commands
   * ({@code cli}) nor the shared picocli plumbing ({@code command}). The loader's own main class
   * lives in {@code loader.main} for that reason.
   */
  static final ArchRule LIBRARIES_IMPORT_NO_COMMAND_LINE = noClasses()
      .that().resideInAnyPackage("io.redisrace.loader..", "io.redisrace.counter..", "io.redisrace.server..", "io.redisrace.toxi..",
          "io.redisrace.stats..", "io.redisrace.client..", "io.redisrace.process..", "io.redisrace.hunt..", "io.redisrace.docker..")
      .and().resideOutsideOfPackage("io.redisrace.loader.main..")
      .should().dependOnClassesThat().resideInAnyPackage("io.redisrace.cli..", "io.redisrace.command..")
      .because("command-line plumbing sits above the libraries, in io.redisrace.command and io.redisrace.cli");

  /** Backends implement the launcher interfaces of server and toxi; server and toxi never name a backend. */
  static final ArchRule SERVER_AND_TOXI_IMPORT_NO_BACKEND = noClasses()
      .that().resideInAnyPackage("io.redisrace.server..", "io.redisrace.toxi..")
      .should().dependOnClassesThat().resideInAPackage("io.redisrace.docker..")
      .because("a backend is a RedisLauncher / ToxiproxyLauncher found through META-INF/services");

  /**
   * The report reads chaos results through the chaos module's public API ({@code chaos.report}:
   * the gate, the heat table, the rates; the {@code ChaosResults} document), never through the
   * parts that run trials.
   */
  static final ArchRule REPORT_USES_ONLY_THE_CHAOS_API = noClasses()
      .that().resideInAPackage("io.redisrace.report..")
      .should().dependOnClassesThat(
          resideInAnyPackage("io.redisrace.chaos", "io.redisrace.chaos.workload..", "io.redisrace.chaos.nemesis..",
              "io.redisrace.chaos.schedule..")
              .or(resideInAPackage("io.redisrace.chaos.runner..").and(not(nameStartingWith("io.redisrace.chaos.runner.ChaosResults"))))
              .as("chaos internals (the CLI, runner, workload, nemesis, schedule)"));
}
