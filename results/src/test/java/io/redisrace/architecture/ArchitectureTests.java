package io.redisrace.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ArchitectureRules} over the main classes of core, chaos and results (this module's
 * classpath holds them all; jmh's single package sits on core by its Maven dependency alone), and
 * proof that the cycle rule reports a planted cycle.
 */
class ArchitectureTests {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("io.redisrace");
  }

  @Test
  void theHarnessClassesAreAllImported() {
    assertThat(main.containPackage("io.redisrace.server")).isTrue();
    assertThat(main.containPackage("io.redisrace.chaos.runner")).isTrue();
    assertThat(main.containPackage("io.redisrace.report")).isTrue();
    assertThat(main.containPackage("io.redisrace.archfixture.a")).as("test classes are left out").isFalse();
  }

  @Test
  void noPackageCycles() {
    ArchitectureRules.NO_PACKAGE_CYCLES.check(main);
  }

  @Test
  void librariesImportNoCommandLine() {
    ArchitectureRules.LIBRARIES_IMPORT_NO_COMMAND_LINE.check(main);
  }

  @Test
  void serverAndToxiImportNoBackend() {
    ArchitectureRules.SERVER_AND_TOXI_IMPORT_NO_BACKEND.check(main);
  }

  @Test
  void theReportUsesOnlyTheChaosApi() {
    ArchitectureRules.REPORT_USES_ONLY_THE_CHAOS_API.check(main);
  }

  @Test
  void theCycleRuleReportsAPlantedCycle() {
    JavaClasses planted = new ClassFileImporter().importPackages("io.redisrace.archfixture");
    assertThat(planted.containPackage("io.redisrace.archfixture.a")).isTrue();

    EvaluationResult result = ArchitectureRules.NO_PACKAGE_CYCLES.evaluate(planted);

    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("archfixture.a.Upstream")
        .contains("archfixture.b.Downstream");
  }
}
