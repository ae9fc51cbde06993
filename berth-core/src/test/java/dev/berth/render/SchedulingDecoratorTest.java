package dev.berth.render;

import static dev.berth.render.Contributions.touched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulingDecoratorTest {

  static final String RUNTIME_CLASS_SETTING = "OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME";

  static PodContribution contribute(TestPlans plan) {
    return new SchedulingDecorator().contribute(plan.build());
  }

  static PodSpec spec(TestPlans plan) {
    return contribute(plan).spec();
  }

  @Test
  void aBasicPlanAddsNothing() {
    assertThat(touched(contribute(TestPlans.builder()))).isEmpty();
  }

  /** Placement only: the AppArmor profile is the agent's security context's (AgentSecurity). */
  @Test
  void everythingSetTouchesOnlyPlacementFields() {
    PodContribution c =
        contribute(
            TestPlans.builder()
                .setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true")
                .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "RuntimeDefault")
                .driverConfig(
                    "{\"pod\": {\"node_selector\": {\"pool\": \"a\"}, \"priority_class_name\":"
                        + " \"high\", \"runtime_class_name\": \"gvisor\", \"tolerations\":"
                        + " [{\"key\": \"k\", \"operator\": \"Exists\"}]}}"));

    assertThat(touched(c))
        .containsExactly(
            "spec.hostUsers",
            "spec.nodeSelector",
            "spec.priorityClassName",
            "spec.runtimeClassName",
            "spec.tolerations");
  }

  @Test
  void runtimeClassPrefersPlatformThenDriverConfigThenTheDefaultSetting() {
    String platform = "{\"runtime_class_name\": \"kata\"}";
    String driver = "{\"pod\": {\"runtime_class_name\": \"gvisor\"}}";

    assertThat(
            spec(TestPlans.builder()
                    .setting(RUNTIME_CLASS_SETTING, "runc-hardened")
                    .platformConfig(platform)
                    .driverConfig(driver))
                .getRuntimeClassName())
        .isEqualTo("kata");
    assertThat(
            spec(TestPlans.builder()
                    .setting(RUNTIME_CLASS_SETTING, "runc-hardened")
                    .driverConfig(driver))
                .getRuntimeClassName())
        .isEqualTo("gvisor");
    assertThat(
            spec(TestPlans.builder().setting(RUNTIME_CLASS_SETTING, "runc-hardened"))
                .getRuntimeClassName())
        .isEqualTo("runc-hardened");
    // Empty values do not count as a choice.
    assertThat(
            spec(TestPlans.builder()
                    .setting(RUNTIME_CLASS_SETTING, "runc-hardened")
                    .platformConfig("{\"runtime_class_name\": \"\"}")
                    .driverConfig("{\"pod\": {\"runtime_class_name\": \"\"}}"))
                .getRuntimeClassName())
        .isEqualTo("runc-hardened");
  }

  @Test
  void gpuDoesNotSelectARuntimeClass() {
    assertThat(spec(TestPlans.builder().gpus(1)).getRuntimeClassName()).isNull();
  }

  @Test
  void nodeSelectorMergesDriverConfigIntoPlatformWithPlatformWinning() {
    PodSpec spec =
        spec(
            TestPlans.builder()
                .platformConfig("{\"node_selector\": {\"pool\": \"platform\", \"zone\": \"a\"}}")
                .driverConfig(
                    "{\"pod\": {\"node_selector\": {\"pool\": \"user\", \"disk\": \"ssd\"}}}"));

    assertThat(spec.getNodeSelector())
        .containsExactlyInAnyOrderEntriesOf(Map.of("pool", "platform", "zone", "a", "disk", "ssd"));
  }

  @Test
  void tolerationsArePlatformFirstThenDriverConfig() {
    PodSpec spec =
        spec(
            TestPlans.builder()
                .platformConfig(
                    "{\"tolerations\": [{\"key\": \"dedicated\", \"operator\": \"Equal\","
                        + " \"value\": \"sandboxes\", \"effect\": \"NoSchedule\"}]}")
                .driverConfig(
                    "{\"pod\": {\"tolerations\": ["
                        + "{\"key\": \"nvidia.com/gpu\", \"operator\": \"Exists\"},"
                        + "{\"key\": \"node.kubernetes.io/unreachable\", \"operator\": \"Exists\","
                        + " \"effect\": \"NoExecute\", \"toleration_seconds\": 30}]}}"));

    assertThat(spec.getTolerations())
        .containsExactly(
            new TolerationBuilder()
                .withKey("dedicated")
                .withOperator("Equal")
                .withValue("sandboxes")
                .withEffect("NoSchedule")
                .build(),
            new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists").build(),
            new TolerationBuilder()
                .withKey("node.kubernetes.io/unreachable")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(30L)
                .build());
  }

  @Test
  void anEmptyEffectIsLeftOutSoItMatchesEveryEffect() {
    PodSpec spec =
        spec(
            TestPlans.builder()
                .driverConfig(
                    "{\"pod\": {\"tolerations\": [{\"operator\": \"Exists\", \"effect\": \"\"}]}}"));

    assertThat(spec.getTolerations())
        .containsExactly(new TolerationBuilder().withOperator("Exists").build());
  }

  @Test
  void priorityClassComesFromDriverConfigOnly() {
    assertThat(
            spec(TestPlans.builder().driverConfig("{\"pod\": {\"priority_class_name\": \"high\"}}"))
                .getPriorityClassName())
        .isEqualTo("high");
    // platform_config has no such key, and an unknown key is refused rather than ignored.
    assertThatThrownBy(
            () -> spec(TestPlans.builder().platformConfig("{\"priority_class_name\": \"high\"}")))
        .hasMessageContaining("priority_class_name: is not a known field");
  }

  @Test
  void userNamespacesTurnOffHostUsers() {
    assertThat(
            spec(TestPlans.builder().setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true"))
                .getHostUsers())
        .isFalse();
    assertThat(
            spec(TestPlans.builder().setting("OPENSHELL_ENABLE_USER_NAMESPACES", "false"))
                .getHostUsers())
        .isNull();
  }

  @Test
  void platformHostUsersOverridesTheSetting() {
    assertThat(
            spec(TestPlans.builder()
                    .setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true")
                    .platformConfig("{\"host_users\": true}"))
                .getHostUsers())
        .isNull();
    assertThat(spec(TestPlans.builder().platformConfig("{\"host_users\": false}")).getHostUsers())
        .isFalse();
  }
}
