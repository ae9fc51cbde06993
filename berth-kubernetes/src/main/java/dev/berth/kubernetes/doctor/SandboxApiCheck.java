package dev.berth.kubernetes.doctor;

import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.List;
import java.util.Optional;

/**
 * Check 2: agent-sandbox is installed: its Sandbox CRD exists and is established, and serves a
 * version Berth speaks. Berth uses the newest of them, as its startup probe does.
 */
final class SandboxApiCheck implements DoctorCheck {

  static final String CRD_NAME = SandboxApiVersion.PLURAL + "." + SandboxApiVersion.GROUP;
  static final String INSTALL =
      "install agent-sandbox (https://github.com/kubernetes-sigs/agent-sandbox) in this cluster.";

  @Override
  public String name() {
    return "agent-sandbox";
  }

  @Override
  public String action() {
    return "get the CustomResourceDefinition " + CRD_NAME;
  }

  @Override
  public CheckResult run(DoctorContext context) {
    CustomResourceDefinition crd =
        context.client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get();
    if (crd == null) {
      return CheckResult.fail(
          name(), "the CustomResourceDefinition " + CRD_NAME + " is missing.", INSTALL);
    }
    List<String> served =
        crd.getSpec().getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getServed()))
            .map(CustomResourceDefinitionVersion::getName)
            .toList();
    Optional<SandboxApiVersion> used =
        List.of(SandboxApiVersion.values()).stream()
            .filter(v -> served.contains(v.version()))
            .findFirst();
    if (used.isEmpty()) {
      return CheckResult.fail(
          name(),
          CRD_NAME + " serves " + served + ", none of which Berth speaks (v1beta1, v1alpha1).",
          "upgrade agent-sandbox to a release that serves v1beta1 or v1alpha1.");
    }
    if (!established(crd)) {
      return CheckResult.fail(
          name(),
          CRD_NAME + " exists but is not Established, so the API server does not serve it yet.",
          "wait for it (kubectl wait --for condition=established crd/"
              + CRD_NAME
              + ") and read its conditions if it stays so.");
    }
    return CheckResult.ok(
        name(),
        "Berth will use "
            + used.get().apiVersion()
            + " (CRD established; served: "
            + served
            + ").");
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }
}
