package dev.berth.security;

import dev.berth.naming.ManagedNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.SandboxRenderer;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.ImageSettings;
import dev.berth.settings.PodSettings;
import dev.berth.settings.SideloadMethod;
import dev.berth.settings.SupervisorSettings;
import dev.berth.settings.Topology;
import dev.berth.validate.SandboxValidator;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@code docs/security.md}: for every topology, sideload method and user-namespace choice,
 * a representative sandbox is validated and rendered with default settings, and its pod is judged
 * by {@link PodSecurityReport} and {@link RestrictedV2}. Generated, so the page cannot drift from
 * what the driver actually asks for; a test fails when the committed page is stale.
 */
public final class SecurityDocs {

  private SecurityDocs() {}

  /** The namespace annotations of a typical OpenShift project, for the restricted-v2 render. */
  static final Map<String, String> OPENSHIFT_NAMESPACE =
      Map.of(
          ManagedNames.SCC_UID_RANGE, "1000660000/10000",
          ManagedNames.SCC_SUPPLEMENTAL_GROUPS, "1000660000/10000");

  /**
   * One combination of the settings that change a sandbox's privileges.
   *
   * @param topology {@code combined} or {@code sidecar}
   * @param sideload {@code image-volume} or {@code init-container}
   * @param userNamespaces whether pods get {@code hostUsers: false}
   */
  public record Combination(String topology, String sideload, boolean userNamespaces) {

    public String title() {
      return topology + ", " + sideload + ", user namespaces " + (userNamespaces ? "on" : "off");
    }

    Map<String, String> settings() {
      return Map.of(
          SupervisorSettings.TOPOLOGY.env(),
          topology,
          ImageSettings.SUPERVISOR_SIDELOAD_METHOD.env(),
          sideload,
          PodSettings.ENABLE_USER_NAMESPACES.env(),
          Boolean.toString(userNamespaces));
    }
  }

  /**
   * What the page says about one combination.
   *
   * @param combination the settings
   * @param pss the Pod Security report of the sandbox rendered for a plain namespace
   * @param privileges each container's privileges in that render
   * @param scc the restricted-v2 verdict of the sandbox rendered for an OpenShift namespace
   */
  public record Entry(
      Combination combination,
      PodSecurityReport pss,
      List<ContainerPrivileges> privileges,
      SccVerdict scc) {}

  public static List<Combination> combinations() {
    List<Combination> all = new ArrayList<>();
    for (Topology topology : Topology.values()) {
      for (SideloadMethod sideload : SideloadMethod.values()) {
        for (boolean userNamespaces : List.of(false, true)) {
          all.add(new Combination(topology.value(), sideload.value(), userNamespaces));
        }
      }
    }
    return all;
  }

  public static Entry entry(Combination c) {
    PodTemplateSpec plain = render(c, ClusterFacts.DEFAULT);
    PodTemplateSpec openshift =
        render(c, new ClusterFacts(SandboxApiVersion.V1BETA1, OPENSHIFT_NAMESPACE));
    return new Entry(
        c,
        PodSecurityReport.of(plain),
        ContainerPrivileges.of(plain.getSpec()),
        RestrictedV2.evaluate(
            openshift.getSpec(), SccNamespace.fromAnnotations(OPENSHIFT_NAMESPACE)));
  }

  /** A minimal request (default image settings, no driver_config), as most sandboxes are. */
  static PodTemplateSpec render(Combination c, ClusterFacts facts) {
    DriverSettings settings = DriverSettings.fromMap(c.settings()).orElseThrow();
    SandboxRequest request =
        new SandboxRequest(
            "sb-1",
            "demo",
            "",
            "team-a",
            new SandboxSpec(
                "",
                Map.of(),
                new SandboxTemplate(
                    "ghcr.io/example/agent:1.0",
                    "",
                    Map.of(),
                    Map.of(),
                    ResourceRequests.NONE,
                    SandboxTemplate.emptyObject(),
                    SandboxTemplate.emptyObject(),
                    Optional.empty()),
                Optional.empty(),
                List.of(),
                true,
                false));
    SandboxPlan plan = SandboxValidator.validate(request, settings, facts).orElseThrow();
    return SandboxRenderer.render(plan).podTemplate();
  }

  /** The whole page; a test keeps the committed file equal to it. */
  public static String markdown() {
    List<Entry> entries = combinations().stream().map(SecurityDocs::entry).toList();
    StringBuilder md = new StringBuilder();
    md.append("# Security: what each sandbox pod needs\n\n")
        .append(
            "<!-- Generated by dev.berth.security.SecurityDocs from rendered sandboxes; do not"
                + " edit. Regenerate with: ./mvnw -pl berth-core test -Dtest=SecurityDocsTest"
                + " -Dgolden.update=true -->\n\n")
        .append(SecurityDocsText.INTRO)
        .append("\n## Summary\n\n")
        .append("| Topology | Sideload | User namespaces | Pod Security level | restricted-v2 |\n")
        .append("|---|---|---|---|---|\n");
    for (Entry e : entries) {
      Combination c = e.combination();
      md.append("| ")
          .append(c.topology())
          .append(" | ")
          .append(c.sideload())
          .append(" | ")
          .append(c.userNamespaces() ? "on" : "off")
          .append(" | `")
          .append(e.pss().level().value())
          .append("` | ")
          .append(e.scc().admission().text())
          .append(" |\n");
    }
    md.append(SecurityDocsText.GRANTS);
    for (Entry e : entries) {
      section(md, e);
    }
    md.append(SecurityDocsText.OVERRIDES);
    return md.toString();
  }

  private static void section(StringBuilder md, Entry e) {
    md.append("\n## ").append(e.combination().title()).append("\n\n");
    md.append(
        "| Container | Kind | runAsUser | Capabilities added | Drops ALL |"
            + " allowPrivilegeEscalation | seccomp | Level | Failing checks |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    String podChecks = checks(e.pss(), PodSecurityReport.POD);
    md.append("| (pod) | pod | | | | | | `")
        .append(e.pss().level(PodSecurityReport.POD).value())
        .append("` | ")
        .append(podChecks)
        .append(" |\n");
    for (ContainerPrivileges p : e.privileges()) {
      String name = p.scope().name();
      md.append("| `")
          .append(name)
          .append("` | ")
          .append(p.scope().kind().label())
          .append(" | ")
          .append(p.runAsUser())
          .append(" | ")
          .append(p.privileged() ? "privileged; " : "")
          .append(p.added().isEmpty() ? "none" : String.join(", ", p.added()))
          .append(" | ")
          .append(p.dropsAll() ? "yes" : "no")
          .append(" | ")
          .append(p.privilegeEscalation())
          .append(" | ")
          .append(p.seccomp())
          .append(" | `")
          .append(e.pss().level(name).value())
          .append("` | ")
          .append(checks(e.pss(), name))
          .append(" |\n");
    }
    md.append("\nPod Security level: **")
        .append(e.pss().level().value())
        .append("**. OpenShift restricted-v2: **")
        .append(e.scc().admission().text())
        .append("**.\n");
    issues(md, "Denied because", e.scc().denials());
    issues(md, "Admitted only if", e.scc().conditions());
    if (!e.scc().notes().isEmpty()) {
      md.append("\nNotes:\n\n");
      e.scc().notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
  }

  private static void issues(StringBuilder md, String heading, List<SccVerdict.Issue> issues) {
    if (issues.isEmpty()) {
      return;
    }
    md.append('\n').append(heading).append(":\n\n");
    for (SccVerdict.Issue i : issues) {
      md.append("- `")
          .append(i.scope())
          .append("` (`")
          .append(i.field())
          .append("`): ")
          .append(i.sentence())
          .append('\n');
    }
  }

  /** The check IDs one scope fails, each once, or a dash. */
  private static String checks(PodSecurityReport report, String scope) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    report.findings(scope).forEach(f -> ids.add("`" + f.control().checkId() + "`"));
    return ids.isEmpty() ? "—" : String.join(", ", ids);
  }
}
