package dev.berth.grpc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gRPC layer talks to the cluster only through core's driver interface: it never sees fabric8's
 * client or the Kubernetes backend, so a second backend (or a fake) plugs in without touching it.
 */
class GrpcArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.berth.grpc");

  @Test
  void theServiceSeesOnlyCoresDriverInterface() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.berth.kubernetes..", "io.fabric8.kubernetes.client..")
        .check(CLASSES);
  }

  @Test
  void theRuleSeesTheClassesItGuards() {
    assertThat(CLASSES.contain(ComputeDriverService.class)).isTrue();
  }
}
