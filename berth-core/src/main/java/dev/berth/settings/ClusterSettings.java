package dev.berth.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where sandboxes live and which identity their pods use. */
public final class ClusterSettings {

  private ClusterSettings() {}

  private static final Setting.Parser<WorkspaceMode> WORKSPACE_MODES =
      Parsers.choice(List.of(WorkspaceMode.values()), WorkspaceMode::value);

  public static final Setting<WorkspaceMode> WORKSPACE_MODE =
      new Setting<>(
          "workspace_mode",
          "OPENSHELL_WORKSPACE_MODE",
          "--workspace-mode",
          Parsers.enumType(List.of(WorkspaceMode.values()), WorkspaceMode::value),
          WorkspaceMode.SHARED.value(),
          "How workspaces map to namespaces: 'shared' puts every sandbox in --sandbox-namespace,"
              + " 'managed' creates a namespace 'openshell-<gateway-id>-<workspace>' per workspace."
              + " Upstream's 'operator' mode needs the gateway's in-process allowlist and is not"
              + " available to an external driver.",
          SettingGroup.CLUSTER,
          s ->
              s.equals("operator")
                  ? Parsed.problem(
                      "operator mode needs the gateway's in-process namespace allowlist, which an"
                          + " external driver cannot use, so use 'shared' or 'managed'")
                  : WORKSPACE_MODES.parse(s));

  public static final Setting<String> GATEWAY_ID =
      new Setting<>(
          "gateway_id",
          "OPENSHELL_GATEWAY_ID",
          "--gateway-id",
          "string",
          "openshell",
          "Stable identity of the gateway, used in labels and in managed namespace names; set it"
              + " to the gateway's gateway_jwt.gateway_id. In managed mode it must be a DNS-1123"
              + " label of at most 33 characters.",
          SettingGroup.CLUSTER,
          Parsers.labelValue());

  public static final Setting<String> SANDBOX_NAMESPACE =
      new Setting<>(
          "namespace",
          "OPENSHELL_SANDBOX_NAMESPACE",
          "--sandbox-namespace",
          "string",
          "default",
          "Namespace of every sandbox in shared mode. The default 'default' is that of upstream's"
              + " external driver binary (upstream's in-gateway driver uses 'openshell'), so set"
              + " it explicitly.",
          SettingGroup.CLUSTER,
          Parsers.dnsLabel());

  public static final Setting<String> SANDBOX_SERVICE_ACCOUNT =
      new Setting<>(
          "service_account_name",
          "OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT",
          "--sandbox-service-account",
          "string",
          "default",
          "ServiceAccount of sandbox pods. The gateway's bootstrap token exchange accepts"
              + " tokens of this account only.",
          SettingGroup.CLUSTER,
          Parsers.dnsSubdomain());

  public static final Setting<Boolean> MANAGED_SSH_INGRESS_ENABLED =
      new Setting<>(
          "managed_ssh_ingress.enabled",
          "OPENSHELL_MANAGED_SSH_INGRESS_ENABLED",
          "--managed-ssh-ingress-enabled",
          "boolean",
          "false",
          "In managed mode, create a NetworkPolicy in each workspace namespace that admits SSH"
              + " (TCP 2222) only from the gateway pods.",
          SettingGroup.CLUSTER,
          Parsers.bool());

  public static final Setting<Optional<String>> MANAGED_SSH_GATEWAY_NAMESPACE =
      new Setting<>(
          "managed_ssh_ingress.gateway_namespace",
          "OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE",
          "--managed-ssh-gateway-namespace",
          "string",
          "",
          "Namespace of the gateway pods that the SSH NetworkPolicy admits; required when the"
              + " policy is enabled in managed mode.",
          SettingGroup.CLUSTER,
          Parsers.optional(Parsers.dnsLabel()));

  public static final Setting<Map<String, String>> MANAGED_SSH_GATEWAY_POD_SELECTOR =
      new Setting<>(
          "managed_ssh_ingress.gateway_pod_selector",
          "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
          "--managed-ssh-gateway-pod-selector",
          "map (key=value, comma-separated)",
          "",
          "Labels of the gateway pods that the SSH NetworkPolicy admits, such as"
              + " 'app.kubernetes.io/name=openshell'; required when the policy is enabled in"
              + " managed mode.",
          SettingGroup.CLUSTER,
          s -> s.isEmpty() ? Parsed.value(Map.of()) : Parsers.labelSelector().parse(s));

  public static final Setting<Optional<String>> SANDBOX_SCC_CLUSTER_ROLE =
      new Setting<>(
          "sandbox_scc_cluster_role",
          "OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE",
          "--sandbox-scc-cluster-role",
          "string",
          "",
          "Berth only. OpenShift in managed mode: the ClusterRole that lets a ServiceAccount use"
              + " the sandbox SecurityContextConstraints. The driver binds it to the sandbox"
              + " ServiceAccount in every workspace namespace it prepares; the Helm post-renderer"
              + " sets it when 'openshift' is true. Unset: no binding is made.",
          SettingGroup.CLUSTER,
          Parsers.optional(Parsers.dnsSubdomain()));

  static final List<Setting<?>> ALL =
      List.of(
          WORKSPACE_MODE,
          GATEWAY_ID,
          SANDBOX_NAMESPACE,
          SANDBOX_SERVICE_ACCOUNT,
          MANAGED_SSH_INGRESS_ENABLED,
          MANAGED_SSH_GATEWAY_NAMESPACE,
          MANAGED_SSH_GATEWAY_POD_SELECTOR,
          SANDBOX_SCC_CLUSTER_ROLE);
}
