package dev.berth.validate;

import static dev.berth.naming.ManagedNames.SHARED_NAME_SEPARATOR;
import static dev.berth.naming.ManagedNames.managedNamespace;
import static dev.berth.naming.ManagedNames.managedNamespacePrefix;

import dev.berth.config.Quote;
import dev.berth.naming.Dns1123;
import dev.berth.naming.LabelRules;
import dev.berth.plan.SandboxPlan.Identity;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sandbox id, name and workspace, and the Kubernetes names derived from them. */
public final class IdentityRules {

  private IdentityRules() {}

  /**
   * The namespace a workspace's sandboxes go to, or empty when the workspace cannot name one (then
   * {@link #workspace} reports why). The driver asks the cluster about this namespace before
   * validation, because the validator needs its facts; the plan's namespace is the same.
   */
  public static Optional<String> namespace(DriverSettings settings, String workspace) {
    if (!Dns1123.isLabel(workspace)) {
      return Optional.empty();
    }
    if (settings.cluster().workspaceMode() == WorkspaceMode.SHARED) {
      return Optional.of(settings.cluster().sandboxNamespace());
    }
    String managed = managedNamespace(settings.cluster().gatewayId(), workspace);
    return Dns1123.isLabel(managed) ? Optional.of(managed) : Optional.empty();
  }

  /**
   * What is wrong with a workspace name on its own: not a DNS-1123 label, or (managed mode) too
   * long to name its namespace. Empty when it is usable. EnsureWorkspace and DeleteWorkspace use
   * this; sandbox validation reports the same violations.
   */
  public static List<Violation> workspace(DriverSettings settings, String workspace) {
    List<Violation> sink = new ArrayList<>();
    if (checkLabel(RequestFields.WORKSPACE, workspace, "workspace", "team-a", sink)
        && settings.cluster().workspaceMode() != WorkspaceMode.SHARED) {
      managedNamespaceLength(settings, workspace, sink);
    }
    return sink;
  }

  static Identity check(SandboxRequest request, DriverSettings settings, List<Violation> sink) {
    String id = request.id();
    String name = request.name();
    String workspace = request.workspace();
    WorkspaceMode mode = settings.cluster().workspaceMode();

    if (id.isEmpty()) {
      sink.add(
          new Violation(
              RequestFields.ID,
              "is required; the gateway assigns it, and files for 'berth validate' or 'berth"
                  + " render' must set one (for example \"id\": \"sb-demo-1\")."));
    } else if (!LabelRules.isLabelValue(id)) {
      sink.add(
          new Violation(
              RequestFields.ID,
              Quote.of(id)
                  + " cannot be stored as a Kubernetes label value; use at most 63 letters,"
                  + " digits, '-', '_' or '.', starting and ending with a letter or digit."));
    }

    boolean nameOk = checkLabel(RequestFields.NAME, name, "sandbox name", "my-agent", sink);
    boolean workspaceOk =
        checkLabel(RequestFields.WORKSPACE, workspace, "workspace", "team-a", sink);

    String resourceName = name;
    String namespace = settings.cluster().sandboxNamespace();
    if (mode == WorkspaceMode.SHARED) {
      resourceName = workspace + SHARED_NAME_SEPARATOR + name;
      // Upstream checks this only in ValidateSandboxCreate; we check it on every path.
      if (nameOk && workspaceOk && resourceName.length() > Dns1123.MAX_LABEL) {
        sink.add(
            new Violation(
                RequestFields.NAME,
                "the Sandbox resource name "
                    + Quote.of(resourceName)
                    + " (workspace, '--', name) is "
                    + resourceName.length()
                    + " characters, over the Kubernetes limit of 63; shorten the name to at most "
                    + (Dns1123.MAX_LABEL - workspace.length() - SHARED_NAME_SEPARATOR.length())
                    + " characters."));
      }
    } else {
      namespace = managedNamespace(settings.cluster().gatewayId(), workspace);
      if (workspaceOk) {
        managedNamespaceLength(settings, workspace, sink);
      }
    }
    return new Identity(id, name, workspace, resourceName, namespace);
  }

  private static void managedNamespaceLength(
      DriverSettings settings, String workspace, List<Violation> sink) {
    String namespace = managedNamespace(settings.cluster().gatewayId(), workspace);
    if (!Dns1123.isLabel(namespace)) {
      sink.add(
          new Violation(
              RequestFields.WORKSPACE,
              "the managed namespace "
                  + Quote.of(namespace)
                  + " would be "
                  + namespace.length()
                  + " characters, over the Kubernetes limit of 63; use a workspace name of at"
                  + " most "
                  + (Dns1123.MAX_LABEL
                      - managedNamespacePrefix(settings.cluster().gatewayId()).length())
                  + " characters."));
    }
  }

  private static boolean checkLabel(
      String field, String value, String what, String example, List<Violation> sink) {
    if (value.isEmpty()) {
      sink.add(
          new Violation(
              field, "is required; give the " + what + " a name such as '" + example + "'."));
      return false;
    }
    if (!Dns1123.isLabel(value)) {
      sink.add(
          new Violation(
              field,
              Quote.of(value)
                  + " is not a valid "
                  + what
                  + ": "
                  + Dns1123.LABEL_RULE
                  + " (for example '"
                  + example
                  + "')."));
      return false;
    }
    return true;
  }
}
