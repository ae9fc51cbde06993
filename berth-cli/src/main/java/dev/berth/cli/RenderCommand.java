package dev.berth.cli;

import dev.berth.naming.Generation;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.Manifests;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.security.PodSecurityReport;
import dev.berth.security.RestrictedV2;
import dev.berth.security.SccNamespace;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth render FILE}: prints the Sandbox resource the driver would create (for a pinned
 * two-pod generation, every object it renders), or with {@code --explain-security} the security
 * report of its pods instead (never both, so stdout stays one format that tools can read).
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Validate a sandbox request file, then print the agents.x-k8s.io Sandbox resource the"
          + " driver would create for it, without contacting a cluster.",
      "With a two-pod gateway generation pinned (--gateway-generation g2 or g3), print instead"
          + " a List of the objects the driver renders for it: the namespace's two"
          + " NetworkPolicies, the Sandbox (its template the workload pod), the boundary Service"
          + " and the supervisor Pod, for the placeholder runtime generation '"
          + TwoPodRender.PREVIEW_GENERATION
          + "' (the bootstrap Secrets hold keys made at bring-up and are not shown).",
      "Exit 0 with the resource, 2 with every violation when the request is invalid.",
      "With --explain-security, print instead which Pod Security Standards checks the pod and"
          + " each container fail, the pod's level, and whether OpenShift's restricted-v2 SCC"
          + " would admit it."
    })
final class RenderCommand extends PlanningCommand {

  @Option(
      names = "--format",
      paramLabel = "yaml|json",
      defaultValue = "yaml",
      description = "Output format of the resource: yaml (default) or json.")
  OutputFormat format;

  @Option(
      names = "--api-version",
      paramLabel = "v1beta1|v1alpha1",
      defaultValue = "v1beta1",
      description = "agents.x-k8s.io version to render, as the cluster serves it.")
  String apiVersion;

  @Option(
      names = "--explain-security",
      description =
          "Instead of the resource, print its pod's security report: per container the Pod"
              + " Security level (privileged|baseline|restricted) and failing checks, then the"
              + " pod's level and the OpenShift restricted-v2 verdict (UID ranges from"
              + " --namespace-annotations).")
  boolean explainSecurity;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SandboxApiVersion version;
    try {
      version = SandboxApiVersion.valueOf(apiVersion.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      spec.commandLine()
          .getErr()
          .println("berth: --api-version is '" + apiVersion + "'; use 'v1beta1' or 'v1alpha1'.");
      return ExitCodes.INVALID;
    }
    OutputFormat problems = format == OutputFormat.json ? OutputFormat.json : OutputFormat.text;
    Planner.Planned result = plan(version, problems);
    if (result.plan().isEmpty()) {
      return result.exitCode();
    }
    SandboxPlan plan = result.plan().get();
    if (plan.runtime().generation().runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND) {
      return TwoPodRender.print(
          out,
          IsolationRenderer.render(plan, plan.runtime()),
          format,
          explainSecurity,
          SccNamespace.fromAnnotations(namespaceAnnotations));
    }
    RenderedSandbox rendered = SandboxRenderer.render(result.plan().get());
    if (explainSecurity) {
      out.print(
          SecurityExplanation.text(
              PodSecurityReport.of(rendered.podTemplate()),
              RestrictedV2.evaluate(
                  rendered.podTemplate().getSpec(),
                  SccNamespace.fromAnnotations(namespaceAnnotations))));
      out.flush();
      return ExitCodes.OK;
    }
    out.print(
        format == OutputFormat.json
            ? Manifests.json(rendered.sandbox()) + System.lineSeparator()
            : Manifests.yaml(rendered.sandbox()));
    out.flush();
    return ExitCodes.OK;
  }
}
