package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which environment names a caller may set, per gateway generation. */
class ReservedEnvironmentTest {

  private static final DriverSettings SETTINGS = DriverSettings.fromMap(Map.of()).orElseThrow();

  private static Result<SandboxPlan> validate(Generation generation, Consumer<Mutable> mutation) {
    Mutable m = new Mutable();
    mutation.accept(m);
    return SandboxValidator.validate(m.request(), SETTINGS, ClusterFacts.DEFAULT, generation);
  }

  private static Violation reserved(String field, String name, String prefix) {
    return new Violation(
        field + "['" + name + "']",
        "environment variable name '"
            + name
            + "' is reserved: "
            + prefix
            + "* variables carry the supervisor's contract and are set by the driver; rename it"
            + " (use spec.log_level for the log level).");
  }

  @ParameterizedTest
  @EnumSource(
      value = Generation.class,
      names = {"G1", "G2"})
  void beforeTheRenameRynoNamesAreTheUsers(Generation generation) {
    Result<SandboxPlan> result =
        validate(
            generation,
            m -> {
              m.env.put("RYNO_FOO", "1");
              m.templateEnv.put("RYNO_LOG_LEVEL", "debug");
              m.env.put("OPENSHELL_LOG_LEVEL", "debug");
            });

    assertThat(result.violations()).isEmpty();
    assertThat(result.orElseThrow().agent().userEnvironment())
        .containsEntry("RYNO_FOO", "1")
        .containsEntry("RYNO_LOG_LEVEL", "debug")
        .containsEntry("OPENSHELL_LOG_LEVEL", "debug");
  }

  @ParameterizedTest
  @EnumSource(Generation.class)
  void openShellNamesAreReservedInEveryGeneration(Generation generation) {
    assertThat(
            validate(
                    generation,
                    m -> {
                      m.env.put("OPENSHELL_SANDBOX_UID", "0");
                      m.templateEnv.put("OPENSHELL_ENDPOINT", "http://x");
                    })
                .violations())
        .containsExactlyInAnyOrder(
            reserved("spec.template.environment", "OPENSHELL_ENDPOINT", "OPENSHELL_"),
            reserved("spec.environment", "OPENSHELL_SANDBOX_UID", "OPENSHELL_"));
  }

  @Test
  void g3RefusesEveryRynoNameInBothMapsAtOnceWithoutALogLevelException() {
    Result<SandboxPlan> result =
        validate(
            Generation.G3,
            m -> {
              m.env.put("RYNO_FOO", "1");
              m.env.put("RYNO_LOG_LEVEL", "debug");
              m.templateEnv.put("RYNO_SANDBOX_UID", "0");
              m.templateEnv.put("OPENSHELL_TLS_KEY", "k");
            });

    assertThat(result.isValid()).isFalse();
    assertThat(result.violations())
        .containsExactlyInAnyOrder(
            reserved("spec.template.environment", "RYNO_SANDBOX_UID", "RYNO_"),
            reserved("spec.template.environment", "OPENSHELL_TLS_KEY", "OPENSHELL_"),
            reserved("spec.environment", "RYNO_FOO", "RYNO_"),
            reserved("spec.environment", "RYNO_LOG_LEVEL", "RYNO_"));
  }

  @Test
  void g3MatchesTheExactUpperCasePrefixOnly() {
    Result<SandboxPlan> result =
        validate(
            Generation.G3,
            m -> {
              m.env.put("ryno_foo", "1");
              m.env.put("Ryno_Foo", "1");
              m.env.put("RYNO", "1");
              m.env.put("RYNOFOO", "1");
              m.env.put("MY_RYNO_FOO", "1");
              m.env.put("OPENSHELL_LOG_LEVEL", "debug");
            });

    assertThat(result.violations()).isEmpty();
    assertThat(result.orElseThrow().agent().userEnvironment())
        .containsKeys("ryno_foo", "Ryno_Foo", "RYNO", "RYNOFOO", "MY_RYNO_FOO");
  }

  @Test
  void theThreeArgumentValidatorJudgesByG1() {
    Mutable m = new Mutable();
    m.env.put("RYNO_FOO", "1");
    assertThat(SandboxValidator.validate(m.request(), SETTINGS, ClusterFacts.DEFAULT).isValid())
        .isTrue();
    assertThat(validate(Generation.G3, x -> x.env.put("RYNO_FOO", "1")).isValid()).isFalse();
  }
}
