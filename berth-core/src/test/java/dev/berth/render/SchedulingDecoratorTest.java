package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulingDecoratorTest {

  static PodParts render(SandboxPlan plan) {
    return new SchedulingDecorator().apply(SandboxRenderer.empty(), plan);
  }

  static PodSpec spec(TestPlans plan) {
    return render(plan.build()).spec();
  }

  @Test
  void aBasicPlanSetsNoPlacement() {
    PodParts parts = render(TestPlans.basic());

    assertThat(parts.spec().getNodeSelector()).isNullOrEmpty();
    assertThat(parts.spec().getTolerations()).isNullOrEmpty();
    assertThat(parts.spec().getPriorityClassName()).isNull();
    assertThat(parts.spec().getRuntimeClassName()).isNull();
    assertThat(parts.spec().getHostUsers()).isNull();
    assertThat(parts.agent().getSecurityContext()).isNull();
  }

  @Test
  void runtimeClassPrefersPlatformThenDriverConfigThenTheDefaultSetting() {
    String platform = "{\"runtime_class_name\": \"kata\"}";
    String driver = "{\"pod\": {\"runtime_class_name\": \"gvisor\"}}";
    String setting = "OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME";

    assertThat(
            spec(TestPlans.builder()
                    .setting(setting, "runc-hardened")
                    .platformConfig(platform)
                    .driverConfig(driver))
                .getRuntimeClassName())
        .isEqualTo("kata");
    assertThat(
            spec(TestPlans.builder().setting(setting, "runc-hardened").driverConfig(driver))
                .getRuntimeClassName())
        .isEqualTo("gvisor");
    assertThat(spec(TestPlans.builder().setting(setting, "runc-hardened")).getRuntimeClassName())
        .isEqualTo("runc-hardened");
    // Empty values do not count as a choice.
    assertThat(
            spec(TestPlans.builder()
                    .setting(setting, "runc-hardened")
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
    Toleration t =
        spec(TestPlans.builder()
                .driverConfig(
                    "{\"pod\": {\"tolerations\": [{\"operator\": \"Exists\", \"effect\": \"\"}]}}"))
            .getTolerations()
            .get(0);

    assertThat(t).isEqualTo(new TolerationBuilder().withOperator("Exists").build());
  }

  @Test
  void priorityClassComesFromDriverConfigOnly() {
    assertThat(
            spec(TestPlans.builder().driverConfig("{\"pod\": {\"priority_class_name\": \"high\"}}"))
                .getPriorityClassName())
        .isEqualTo("high");
    assertThat(
            spec(TestPlans.builder().platformConfig("{\"priority_class_name\": \"high\"}"))
                .getPriorityClassName())
        .isNull();
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

  @Test
  void appArmorRuntimeDefaultGoesOnTheAgent() {
    AppArmorProfile profile =
        render(
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "RuntimeDefault")
                    .build())
            .agent()
            .getSecurityContext()
            .getAppArmorProfile();

    assertThat(profile.getType()).isEqualTo("RuntimeDefault");
    assertThat(profile.getLocalhostProfile()).isNull();
  }

  @Test
  void appArmorLocalhostCarriesTheProfileName() {
    AppArmorProfile profile =
        render(
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "Localhost/openshell-sandbox")
                    .build())
            .agent()
            .getSecurityContext()
            .getAppArmorProfile();

    assertThat(profile.getType()).isEqualTo("Localhost");
    assertThat(profile.getLocalhostProfile()).isEqualTo("openshell-sandbox");
  }

  @Test
  void appArmorKeepsTheRestOfTheAgentSecurityContext() {
    PodParts start =
        SandboxRenderer.empty()
            .withAgent(
                new ContainerBuilder()
                    .withName("agent")
                    .withNewSecurityContext()
                    .withRunAsUser(0L)
                    .endSecurityContext()
                    .build());
    SandboxPlan plan =
        TestPlans.builder().setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "Unconfined").build();

    PodParts parts = new SchedulingDecorator().apply(start, plan);

    assertThat(parts.agent().getSecurityContext().getRunAsUser()).isZero();
    assertThat(parts.agent().getSecurityContext().getAppArmorProfile().getType())
        .isEqualTo("Unconfined");
    assertThat(start.agent().getSecurityContext().getAppArmorProfile())
        .as("the input is not mutated")
        .isNull();
  }
}
