package dev.berth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The pure pipeline stays pure: parsing, validation, planning, rendering and the security report
 * never reach the network, the file system, the environment or the clock.
 */
class ArchitectureTest {

  private static final String[] PURE = {
    "dev.berth.config..",
    "dev.berth.validate..",
    "dev.berth.plan..",
    "dev.berth.render..",
    "dev.berth.security..",
    "dev.berth.naming..",
    "dev.berth.settings..",
    "dev.berth.request..",
    "dev.berth.driver..",
    "dev.berth.result.."
  };

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.berth");

  @Test
  void pureLayersUseNoClientNetworkOrFiles() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PURE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.fabric8.kubernetes.client..", "io.grpc..", "java.net..", "java.nio.file..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.io.File")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.Clock");
    rule.check(CLASSES);
  }

  @Test
  void pureLayersReadNoEnvironmentOrClock() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(PURE)
            .should()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class, String.class)
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(Instant.class, "now");
    rule.check(CLASSES);
  }

  @Test
  void packagesFormNoCycles() {
    slices().matching("dev.berth.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theRuleSeesTheClassesItGuards() {
    // Guards against a vacuous pass: the importer must actually find the pure packages.
    Assertions.assertThat(
            CLASSES.stream()
                .filter(c -> c.getPackageName().startsWith("dev.berth.validate"))
                .count())
        .isGreaterThan(5);
  }
}
