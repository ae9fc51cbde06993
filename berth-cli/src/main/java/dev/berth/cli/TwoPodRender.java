package dev.berth.cli;

import dev.berth.render.Manifests;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.security.PodSecurityReport;
import dev.berth.security.RestrictedV2;
import dev.berth.security.SccNamespace;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.io.PrintWriter;

/**
 * {@code berth render} for a two-pod generation: the objects the driver renders, as one List, or
 * the security report of both pods. The bootstrap Secrets are left out: their keys and addresses
 * exist only once a bring-up has made the pods.
 */
final class TwoPodRender {

  /**
   * The runtime generation a preview is rendered for; a gateway names the real one in its launch
   * authentication. It shows in the Secret names the pods mount.
   */
  static final String PREVIEW_GENERATION = "preview";

  private TwoPodRender() {}

  static int print(
      PrintWriter out,
      RenderedIsolationSandbox rendered,
      OutputFormat format,
      boolean explainSecurity,
      SccNamespace scc) {
    if (explainSecurity) {
      PodTemplateSpec supervisor =
          new PodTemplateSpec(
              rendered.supervisorPod().getMetadata(), rendered.supervisorPod().getSpec());
      out.println("Workload pod (the Sandbox's template):");
      out.print(explanation(rendered.workloadTemplate(), scc));
      out.println();
      out.println("Supervisor pod " + rendered.supervisorPod().getMetadata().getName() + ":");
      out.print(explanation(supervisor, scc));
      out.flush();
      return ExitCodes.OK;
    }
    KubernetesList list = new KubernetesList();
    list.setItems(IsolationRenderer.objects(rendered));
    out.print(
        format == OutputFormat.json
            ? Manifests.json(list) + System.lineSeparator()
            : Manifests.yaml(list));
    out.flush();
    return ExitCodes.OK;
  }

  private static String explanation(PodTemplateSpec pod, SccNamespace scc) {
    return SecurityExplanation.text(
        PodSecurityReport.of(pod), RestrictedV2.evaluate(pod.getSpec(), scc));
  }
}
