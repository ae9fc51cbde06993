package dev.berth.install;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The post-renderer's transformation is pure: strings in, strings out. Files, stdin, the
 * environment and the network belong to the command ({@code dev.berth.cli.HelmPostRenderCommand}).
 */
class InstallArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.berth.install");

  @Test
  void theTransformationDoesNoIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.nio.file..",
            "java.net..",
            "io.fabric8.kubernetes.client..",
            "picocli..",
            "dev.berth.cli..")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching("java\\.io\\.(File.*|.*Stream|.*Reader|.*Writer)")
        .orShould()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(System.class, "getProperty", String.class)
        .orShould()
        .accessField(System.class, "in")
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(CLASSES);
  }

  @Test
  void theRuleSeesTheClassesItGuards() {
    assertThat(CLASSES.contain(PostRenderer.class)).isTrue();
    assertThat(CLASSES.contain(YamlStream.class)).isTrue();
  }
}
