package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.RequestLimits;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The gateway's request size limits, the settings that raise them, and the object budget. */
class LimitRulesTest {

  private static List<Violation> run(Map<String, String> settings, Consumer<Mutable> mutation) {
    Mutable m = new Mutable();
    mutation.accept(m);
    return SandboxValidator.validate(
            m.request(), DriverSettings.fromMap(settings).orElseThrow(), ClusterFacts.DEFAULT)
        .violations();
  }

  private static List<Violation> run(Consumer<Mutable> mutation) {
    return run(Map.of(), mutation);
  }

  @Test
  void theDefaultsAreTheGatewaysLimits() {
    assertThat(DriverSettings.defaults().contract().limits()).isEqualTo(RequestLimits.GATEWAY);
    assertThat(RequestLimits.GATEWAY)
        .isEqualTo(new RequestLimits(128, 256, 8192, 256 * 1024, 64 * 1024));
  }

  @Test
  void moreThan128EnvironmentEntries() {
    assertThat(run(m -> fill(m.env, 127))).isEmpty();
    assertThat(run(m -> fill(m.env, 128)))
        .containsExactly(
            new Violation(
                "spec.environment",
                "has 129 entries; at most 128 environment entries are accepted."));
    assertThat(run(Map.of("OPENSHELL_MAX_ENVIRONMENT_ENTRIES", "200"), m -> fill(m.env, 128)))
        .isEmpty();
  }

  @Test
  void theLimitsCanOnlyBeRaised() {
    assertThat(
            DriverSettings.fromMap(Map.of("OPENSHELL_MAX_ENVIRONMENT_ENTRIES", "10")).violations())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).contains("from 128 to"));
  }

  @Test
  void keysValuesAndTheWholeEnvironment() {
    assertThat(run(m -> m.env.put("K".repeat(257), "v")))
        .contains(
            new Violation(
                "spec.environment['" + "K".repeat(64) + "…']",
                "the key is 257 bytes; at most 256 are accepted."));
    assertThat(run(m -> m.templateEnv.put("V", "é".repeat(4097))))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("the value is 8194 bytes"));
    assertThat(
            run(
                m -> {
                  for (int i = 0; i < 40; i++) {
                    m.env.put("E" + i, "x".repeat(7000));
                  }
                }))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.environment");
              assertThat(v.message()).startsWith("the environment takes 280");
            });
  }

  @Test
  void labelsAndTemplateStructs() {
    assertThat(run(m -> fill(m.labels, 200)))
        .contains(
            new Violation(
                "spec.template.labels",
                "has 201 entries; at most 128 labels entries are accepted."));
    assertThat(run(m -> m.set("/pod/node_selector/big", "\"" + "x".repeat(70_000) + "\"")))
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo("driver_config.kubernetes");
              assertThat(v.message()).endsWith("bytes as JSON; at most 65536 are accepted.");
            });
    assertThat(run(m -> m.platform("/annotations/big", "\"" + "x".repeat(70_000) + "\"")))
        .anySatisfy(v -> assertThat(v.field()).isEqualTo("spec.template.platform_config"));
  }

  /** The case: 17,500 variables, allowed by raised limits, still stay out of etcd. */
  @Test
  void theObjectBudgetNamesTheLargestParts() {
    Mutable m = new Mutable();
    fill(m.env, 17_500);
    DriverSettings raised =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_MAX_ENVIRONMENT_ENTRIES", "20000",
                    "OPENSHELL_MAX_ENVIRONMENT_BYTES", "100000000"))
            .orElseThrow();
    SandboxPlan plan =
        SandboxValidator.validate(m.request(), raised, ClusterFacts.DEFAULT).orElseThrow();

    Result<RenderedSandbox> budget = ObjectBudget.check(SandboxRenderer.render(plan));

    assertThat(budget.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec");
              assertThat(v.message())
                  .contains("over the budget of 1024 KiB")
                  .contains("the largest parts are environment of container 'agent' (");
            });
    Mutable small = new Mutable();
    assertThat(
            ObjectBudget.check(
                    SandboxRenderer.render(
                        SandboxValidator.validate(small.request(), raised, ClusterFacts.DEFAULT)
                            .orElseThrow()))
                .isValid())
        .isTrue();
  }

  private static void fill(Map<String, String> map, int entries) {
    for (int i = 0; i < entries; i++) {
      map.put("VARIABLE_NUMBER_" + i, "value-of-the-variable-number-" + i);
    }
  }
}
