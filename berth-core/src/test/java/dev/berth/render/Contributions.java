package dev.berth.render;

import dev.berth.plan.AgentPlan;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.PodContribution.ContainerContribution;
import dev.berth.render.PodContribution.InitContainer;
import dev.berth.settings.DriverSettings;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans and look-ups shared by the decorator tests: what a contribution touches, its variables,
 * mounts, volumes and init containers, and the few plans the validator could not produce.
 */
final class Contributions {

  static final String SUPERVISOR_IMAGE = "ghcr.io/nvidia/openshell/supervisor:0.1.2";
  static final String SPIFFE_SOCKET = "/spiffe-workload-api/spire-agent.sock";
  static final String PROXY = "http://proxy.corp:3128";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Contributions() {}

  // ---- plans -----------------------------------------------------------------------------------

  static TestPlans sidecar() {
    return TestPlans.builder().setting("OPENSHELL_K8S_TOPOLOGY", "sidecar");
  }

  static TestPlans topology(String topology) {
    return TestPlans.builder().setting("OPENSHELL_K8S_TOPOLOGY", topology);
  }

  static TestPlans withTlsAndSpiffe(TestPlans plan) {
    return plan.setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
        .setting("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", SPIFFE_SOCKET);
  }

  /** An upstream proxy with credentials, which only the sidecar topology accepts. */
  static TestPlans withProxyCredentials(TestPlans plan) {
    return plan.setting("OPENSHELL_UPSTREAM_PROXY", PROXY)
        .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth")
        .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "basic")
        .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true");
  }

  /** An OpenShift namespace's ranges: the sandbox UID and GID are their first values. */
  static ClusterFacts openShift(String uids, String groups) {
    return new ClusterFacts(
        SandboxApiVersion.V1BETA1,
        Map.of(
            "openshift.io/sa.scc.uid-range", uids,
            "openshift.io/sa.scc.supplemental-groups", groups));
  }

  /** The plan with other settings: for plans the settings loader would refuse. */
  static SandboxPlan withSettings(SandboxPlan p, DriverSettings settings) {
    return new SandboxPlan(
        p.identity(),
        p.agent(),
        p.resources(),
        p.scheduling(),
        p.storage(),
        p.security(),
        settings,
        p.facts(),
        p.runtime());
  }

  /** The plan with another user environment: for names the validator would refuse. */
  static SandboxPlan withUserEnvironment(SandboxPlan p, Map<String, String> env) {
    AgentPlan a = p.agent();
    AgentPlan agent =
        new AgentPlan(
            a.image(),
            a.pullPolicy(),
            env,
            a.logLevel(),
            a.command(),
            a.tty(),
            a.awaitMainProcessAttachment(),
            a.agentSocketPath(),
            a.gpuCount());
    return new SandboxPlan(
        p.identity(),
        agent,
        p.resources(),
        p.scheduling(),
        p.storage(),
        p.security(),
        p.settings(),
        p.facts(),
        p.runtime());
  }

  // ---- what a contribution touches -------------------------------------------------------------

  /**
   * Every part of the pod a contribution adds to, e.g. {@code spec.restartPolicy}, {@code
   * AGENT.image}, {@code AGENT.env}, {@code init.NETWORK_INIT}, {@code volumes}: tests compare it
   * exactly, so a decorator adding anything more fails them.
   */
  static List<String> touched(PodContribution c) {
    List<String> out = new ArrayList<>();
    if (!c.podLabels().isEmpty()) {
      out.add("podLabels");
    }
    if (!c.podAnnotations().isEmpty()) {
      out.add("podAnnotations");
    }
    setFields(c.spec()).forEach(f -> out.add("spec." + f));
    for (ContainerSlot slot : ContainerSlot.values()) {
      if (!c.containers().containsKey(slot)) {
        continue;
      }
      ContainerContribution part = c.container(slot);
      setFields(part.fields()).forEach(f -> out.add(slot + "." + f));
      if (!part.env().isEmpty()) {
        out.add(slot + ".env");
      }
      if (!part.mounts().isEmpty()) {
        out.add(slot + ".volumeMounts");
      }
    }
    c.initContainers().forEach(i -> out.add("init." + i.step()));
    if (!c.volumes().isEmpty()) {
      out.add("volumes");
    }
    if (!c.claimTemplates().isEmpty()) {
      out.add("claimTemplates");
    }
    return out;
  }

  /** The fields of a model object that are set, by their Kubernetes names, in name order. */
  static List<String> setFields(Object model) {
    return JSON.readTree(Manifests.json(model)).propertyNames().stream().sorted().toList();
  }

  // ---- look-ups --------------------------------------------------------------------------------

  static List<String> envNames(List<EnvVar> env) {
    return env.stream().map(EnvVar::getName).toList();
  }

  static Optional<String> envValue(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
  }

  static EnvVar env(String name, String value) {
    return EnvAndMounts.env(name, value);
  }

  /** A mount as the renderer writes it; null leaves the field unset. */
  static VolumeMount mount(String volume, String path, Boolean readOnly, String subPath) {
    VolumeMount m = EnvAndMounts.mount(volume, path);
    m.setReadOnly(readOnly);
    m.setSubPath(subPath);
    return m;
  }

  static List<String> mountPaths(List<VolumeMount> mounts) {
    return mounts.stream().map(VolumeMount::getMountPath).toList();
  }

  static List<String> mountNames(List<VolumeMount> mounts) {
    return mounts.stream().map(VolumeMount::getName).toList();
  }

  static VolumeMount mountOf(List<VolumeMount> mounts, String volume) {
    return mounts.stream()
        .filter(m -> m.getName().equals(volume))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mount of " + volume + " in " + mounts));
  }

  static List<String> volumeNames(List<Volume> volumes) {
    return volumes.stream().map(Volume::getName).toList();
  }

  static Volume volume(List<Volume> volumes, String name) {
    return volumes.stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  static Container init(PodContribution c, InitStep step) {
    return c.initContainers().stream()
        .filter(i -> i.step() == step)
        .map(InitContainer::container)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no init container at " + step));
  }

  // ---- full renders ----------------------------------------------------------------------------

  static PodSpec renderPod(SandboxPlan plan) {
    return SandboxRenderer.render(plan).podTemplate().getSpec();
  }

  static Container named(List<Container> containers, String name) {
    return containers.stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  static List<String> names(List<Container> containers) {
    return containers.stream().map(Container::getName).toList();
  }
}
