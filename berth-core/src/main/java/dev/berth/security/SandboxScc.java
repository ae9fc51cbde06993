package dev.berth.security;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least-privilege SCC for one topology's sandbox pods, derived from pods the driver renders:
 * the minimal sandbox for every setting that changes privileges (sideload method, user namespaces,
 * binary-aware sidecar), and one sandbox that uses every volume kind and pod override a request may
 * carry, with every optional credential mount configured. Each pod is rendered for an OpenShift
 * namespace, as the driver renders it there. {@link SccDerivation} turns the pods into the
 * narrowest SCC that admits them unchanged; a test proves it admits every golden scenario of the
 * topology and that each permission is needed by one of them.
 */
public final class SandboxScc {

  private SandboxScc() {}

  /** The namespace a sample is rendered for: a typical OpenShift project's ranges. */
  public static final Map<String, String> OPENSHIFT_NAMESPACE = SecurityDocs.OPENSHIFT_NAMESPACE;

  /** Every volume kind and admission-relevant pod override a request may carry. */
  static final String EVERY_FEATURE =
      """
      {"pod": {"security_context": {"supplemental_groups": [5000]}},
       "volumes": [
         {"name": "claim", "persistent_volume_claim": {"claim_name": "team-data"}},
         {"name": "config", "config_map": {"name": "team-config"}},
         {"name": "token", "secret": {"secret_name": "team-token"}},
         {"name": "scratch", "empty_dir": {}},
         {"name": "dataset", "image": {"reference": "ghcr.io/example/datasets:1"}}],
       "containers": {"agent": {"volume_mounts": [
         {"name": "claim", "mount_path": "/sandbox/data"},
         {"name": "config", "mount_path": "/etc/team"},
         {"name": "token", "mount_path": "/var/run/team"},
         {"name": "scratch", "mount_path": "/scratch"},
         {"name": "dataset", "mount_path": "/sandbox/datasets"}]}}}
      """;

  /** {@code berth-sandbox-combined}, {@code berth-sandbox-sidecar}. */
  public static String name(Topology topology) {
    return "berth-sandbox-" + topology.value();
  }

  public static Scc forTopology(Topology topology) {
    return SccDerivation.derive(
        name(topology), samplePods(topology), SccNamespace.fromAnnotations(OPENSHIFT_NAMESPACE));
  }

  /** The pods the SCC is derived from, as admission sees them (claims as volumes). */
  public static List<PodSpec> samplePods(Topology topology) {
    if (topology == Topology.ISOLATION_BACKEND) {
      return isolationPods();
    }
    List<PodSpec> pods = new ArrayList<>();
    for (Map<String, String> settings : settingsVariants(topology)) {
      pods.add(admittedPod(render(settings, "{}")));
    }
    pods.add(admittedPod(render(everyCredential(topology), EVERY_FEATURE)));
    return pods;
  }

  /**
   * Both pods of the two-pod shape, in both generations' spellings: with no options, and with every
   * credential, the corporate proxy and every volume kind. One SCC admits the workload and the
   * supervisor pod, since both run under the sandbox ServiceAccount.
   */
  private static List<PodSpec> isolationPods() {
    List<PodSpec> pods = new ArrayList<>();
    ClusterFacts facts = new ClusterFacts(SandboxApiVersion.V1BETA1, OPENSHIFT_NAMESPACE);
    for (Generation generation : List.of(Generation.G2, Generation.G3)) {
      for (boolean everything : List.of(false, true)) {
        Map<String, String> settings = new HashMap<>();
        if (everything) {
          settings.putAll(everyCredential(Topology.SIDECAR));
        }
        RenderedIsolationSandbox rendered =
            SampleSandboxes.renderIsolation(
                settings, everything ? EVERY_FEATURE : "{}", facts, generation);
        pods.add(admittedPod(new RenderedSandbox(rendered.sandbox(), rendered.workloadTemplate())));
        pods.add(rendered.supervisorPod().getSpec());
      }
    }
    return pods;
  }

  /** The annotation that tells an administrator what the SCC is for. */
  public static String description(Topology topology) {
    return "Least privilege for Berth's "
        + topology.value()
        + "-topology sandbox pods, derived from the pods the driver renders. Granted to the"
        + " sandbox ServiceAccount with verb 'use'; never use 'privileged' instead.";
  }

  /**
   * The pod spec admission judges: the template's spec plus a {@code persistentVolumeClaim} volume
   * for each volume claim template, which the controller turns into claims the pod mounts.
   */
  public static PodSpec admittedPod(RenderedSandbox rendered) {
    PodSpec spec = rendered.podTemplate().getSpec();
    Set<String> volumes = new HashSet<>();
    if (spec.getVolumes() != null) {
      spec.getVolumes().forEach(v -> volumes.add(v.getName()));
    }
    PodSpecBuilder builder = new PodSpecBuilder(spec);
    for (String claim : claimTemplates(rendered)) {
      if (volumes.add(claim)) {
        builder.addToVolumes(
            new VolumeBuilder()
                .withName(claim)
                .withNewPersistentVolumeClaim()
                .withClaimName(claim)
                .endPersistentVolumeClaim()
                .build());
      }
    }
    return builder.build();
  }

  private static List<String> claimTemplates(RenderedSandbox rendered) {
    return rendered.sandbox().getSpec().getVolumeClaimTemplates().stream()
        .map(t -> t.getMetadata().getName())
        .toList();
  }

  private static List<Map<String, String>> settingsVariants(Topology topology) {
    List<Map<String, String>> variants = new ArrayList<>();
    for (SecurityDocs.Combination c : SecurityDocs.combinations()) {
      if (c.topology().equals(topology.value())) {
        variants.add(c.settings());
        if (topology == Topology.SIDECAR) {
          Map<String, String> unaware = new HashMap<>(c.settings());
          unaware.put("OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY", "false");
          variants.add(unaware);
        }
      }
    }
    return variants;
  }

  /** Settings that add every optional managed volume: client TLS, SPIFFE, proxy credentials. */
  private static Map<String, String> everyCredential(Topology topology) {
    Map<String, String> settings = new HashMap<>();
    settings.put("OPENSHELL_K8S_TOPOLOGY", topology.value());
    settings.put("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls");
    settings.put(
        "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/spiffe-workload-api/spire-agent.sock");
    if (topology == Topology.SIDECAR) {
      settings.put("OPENSHELL_UPSTREAM_PROXY", "http://proxy.corp:3128");
      settings.put("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth");
      settings.put("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "credentials");
      settings.put("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true");
    }
    return settings;
  }

  private static RenderedSandbox render(Map<String, String> settings, String driverConfig) {
    return SampleSandboxes.render(
        settings, driverConfig, new ClusterFacts(SandboxApiVersion.V1BETA1, OPENSHIFT_NAMESPACE));
  }
}
