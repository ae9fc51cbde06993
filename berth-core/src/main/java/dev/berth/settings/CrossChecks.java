package dev.berth.settings;

import static dev.berth.settings.ClusterSettings.GATEWAY_ID;
import static dev.berth.settings.ClusterSettings.MANAGED_SSH_GATEWAY_NAMESPACE;
import static dev.berth.settings.ClusterSettings.MANAGED_SSH_GATEWAY_POD_SELECTOR;
import static dev.berth.settings.ClusterSettings.MANAGED_SSH_INGRESS_ENABLED;
import static dev.berth.settings.ClusterSettings.WORKSPACE_MODE;
import static dev.berth.settings.PodSettings.SANDBOX_UID;
import static dev.berth.settings.SupervisorSettings.BINARY_AWARE_NETWORK_POLICY;
import static dev.berth.settings.SupervisorSettings.HTTPS_PROXY;
import static dev.berth.settings.SupervisorSettings.NO_PROXY;
import static dev.berth.settings.SupervisorSettings.PROXY_AUTH_ALLOW_INSECURE;
import static dev.berth.settings.SupervisorSettings.PROXY_AUTH_SECRET_KEY;
import static dev.berth.settings.SupervisorSettings.PROXY_AUTH_SECRET_NAME;
import static dev.berth.settings.SupervisorSettings.PROXY_CONNECT_BY_HOSTNAME;
import static dev.berth.settings.SupervisorSettings.SIDECAR_PROXY_UID;
import static dev.berth.settings.SupervisorSettings.TOPOLOGY;

import dev.berth.naming.Dns1123;
import dev.berth.naming.ManagedNames;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The startup checks that span several settings, after upstream's {@code validate_workspace_mode}
 * and {@code validate_upstream_proxy_config}. Unlike upstream, every broken rule is reported, not
 * only the first.
 */
final class CrossChecks {

  /** Longest workspace name the gateway routes (upstream's {@code MAX_ROUTABLE_NAME_LEN}). */
  static final int MAX_WORKSPACE_NAME = 19;

  /** Longest gateway id that leaves room for the prefix, separator and workspace name. */
  static final int MAX_MANAGED_GATEWAY_ID =
      Dns1123.MAX_LABEL - MAX_WORKSPACE_NAME - ManagedNames.MANAGED_NAMESPACE_PREFIX.length() - 1;

  private final SettingValues v;
  private final List<Violation> out = new ArrayList<>();

  private CrossChecks(SettingValues v) {
    this.v = v;
  }

  static List<Violation> check(SettingValues values) {
    CrossChecks checks = new CrossChecks(values);
    checks.managedMode();
    checks.upstreamProxy();
    checks.sidecarUids();
    checks.admissionForms();
    return List.copyOf(checks.out);
  }

  private void managedMode() {
    if (!v.valid(WORKSPACE_MODE) || v.get(WORKSPACE_MODE) != WorkspaceMode.MANAGED) {
      return;
    }
    String managed = " in managed workspace mode";
    if (v.valid(GATEWAY_ID)) {
      String id = v.get(GATEWAY_ID);
      if (!Dns1123.isLabel(id)) {
        add(
            GATEWAY_ID,
            is(GATEWAY_ID, id)
                + "; namespaces are named after it"
                + managed
                + ", so use only lowercase letters, digits and '-', starting and ending with a"
                + " letter or digit, at most "
                + MAX_MANAGED_GATEWAY_ID
                + " characters.");
      } else if (id.length() > MAX_MANAGED_GATEWAY_ID) {
        add(
            GATEWAY_ID,
            is(GATEWAY_ID, id)
                + " ("
                + id.length()
                + " characters);"
                + managed
                + " the namespace prefix '"
                + ManagedNames.managedNamespacePrefix(id)
                + "' plus a workspace name of up to "
                + MAX_WORKSPACE_NAME
                + " characters must fit in "
                + Dns1123.MAX_LABEL
                + " characters, so use at most "
                + MAX_MANAGED_GATEWAY_ID
                + " characters.");
      }
    }
    if (v.valid(MANAGED_SSH_INGRESS_ENABLED) && v.get(MANAGED_SSH_INGRESS_ENABLED)) {
      String enabled =
          " is empty but " + MANAGED_SSH_INGRESS_ENABLED.label() + " is true" + managed + "; ";
      if (v.valid(MANAGED_SSH_GATEWAY_NAMESPACE)
          && v.get(MANAGED_SSH_GATEWAY_NAMESPACE).isEmpty()) {
        add(
            MANAGED_SSH_GATEWAY_NAMESPACE,
            MANAGED_SSH_GATEWAY_NAMESPACE.label()
                + enabled
                + "set it to the namespace of the gateway pods.");
      }
      if (v.valid(MANAGED_SSH_GATEWAY_POD_SELECTOR)
          && v.get(MANAGED_SSH_GATEWAY_POD_SELECTOR).isEmpty()) {
        add(
            MANAGED_SSH_GATEWAY_POD_SELECTOR,
            MANAGED_SSH_GATEWAY_POD_SELECTOR.label()
                + enabled
                + "set it to labels of the gateway pods, such as"
                + " 'app.kubernetes.io/name=openshell'.");
      }
    }
  }

  private void upstreamProxy() {
    if (!v.valid(HTTPS_PROXY)) {
      // Every rule below asks whether a proxy is set; with a refused URL the answer is unknown.
      return;
    }
    boolean proxy = v.get(HTTPS_PROXY).isPresent();
    String noProxy = " is not set; ";
    if (v.valid(NO_PROXY) && v.get(NO_PROXY).isPresent() && !proxy) {
      add(
          NO_PROXY,
          NO_PROXY.label()
              + " is set but "
              + HTTPS_PROXY.label()
              + noProxy
              + "set the proxy or remove the bypass list.");
    }
    if (v.valid(PROXY_CONNECT_BY_HOSTNAME) && v.get(PROXY_CONNECT_BY_HOSTNAME) && !proxy) {
      add(
          PROXY_CONNECT_BY_HOSTNAME,
          PROXY_CONNECT_BY_HOSTNAME.label()
              + " is true but "
              + HTTPS_PROXY.label()
              + noProxy
              + "set the proxy or set it to false.");
    }
    if (!v.valid(PROXY_AUTH_SECRET_NAME, PROXY_AUTH_SECRET_KEY, PROXY_AUTH_ALLOW_INSECURE)) {
      return;
    }
    boolean name = v.get(PROXY_AUTH_SECRET_NAME).isPresent();
    boolean key = v.get(PROXY_AUTH_SECRET_KEY).isPresent();
    boolean insecure = v.get(PROXY_AUTH_ALLOW_INSECURE);
    if (name != key) {
      Setting<?> missing = name ? PROXY_AUTH_SECRET_KEY : PROXY_AUTH_SECRET_NAME;
      Setting<?> given = name ? PROXY_AUTH_SECRET_NAME : PROXY_AUTH_SECRET_KEY;
      add(
          missing,
          missing.label() + " is empty but " + given.label() + " is set; set both or neither.");
      return;
    }
    if (!name) {
      if (insecure) {
        add(
            PROXY_AUTH_ALLOW_INSECURE,
            PROXY_AUTH_ALLOW_INSECURE.label()
                + " is true but no proxy credential Secret is set; set "
                + PROXY_AUTH_SECRET_NAME.flag()
                + " and "
                + PROXY_AUTH_SECRET_KEY.flag()
                + ", or set it to false.");
      }
      return;
    }
    String secretIsSet =
        " but a proxy credential Secret is set (" + PROXY_AUTH_SECRET_NAME.flag() + "); ";
    String removeSecret = " or remove the Secret settings.";
    if (!proxy) {
      add(
          PROXY_AUTH_SECRET_NAME,
          PROXY_AUTH_SECRET_NAME.label()
              + " is set but "
              + HTTPS_PROXY.label()
              + noProxy
              + "set the proxy the credential is for,"
              + removeSecret);
      return;
    }
    if (!insecure) {
      add(
          PROXY_AUTH_ALLOW_INSECURE,
          PROXY_AUTH_ALLOW_INSECURE.label()
              + " is false"
              + secretIsSet
              + "the credential travels as cleartext Basic auth to the http:// proxy, so set it"
              + " to true to accept that,"
              + removeSecret);
    }
    if (v.valid(TOPOLOGY) && v.get(TOPOLOGY) == Topology.COMBINED) {
      add(
          TOPOLOGY,
          is(TOPOLOGY, Topology.COMBINED.value())
              + secretIsSet
              + "in combined topology the workload could read the mounted credential, so use"
              + " 'sidecar',"
              + removeSecret);
    }
  }

  private void sidecarUids() {
    if (!v.valid(TOPOLOGY, BINARY_AWARE_NETWORK_POLICY, SANDBOX_UID, SIDECAR_PROXY_UID)) {
      return;
    }
    OptionalLong uid = v.get(SANDBOX_UID);
    long proxyUid = v.get(SIDECAR_PROXY_UID);
    // A binary-aware sidecar runs as root, so the proxy UID is then not exempted by the firewall.
    if (v.get(TOPOLOGY) == Topology.SIDECAR
        && !v.get(BINARY_AWARE_NETWORK_POLICY)
        && uid.isPresent()
        && uid.getAsLong() == proxyUid) {
      add(
          SANDBOX_UID,
          SANDBOX_UID.label()
              + " is "
              + proxyUid
              + ", the same as "
              + SIDECAR_PROXY_UID.label()
              + ", whose traffic the sidecar's firewall lets through unfiltered; choose a"
              + " different UID for one of them.");
    }
  }

  /**
   * The admission policy comes in one form or the other: mixing them would leave a reader (and the
   * gateway's table, which the post-renderer writes from the separate settings) unsure which wins.
   */
  private void admissionForms() {
    Setting<?> json = ContractSettings.DRIVER_ADMISSION_CONFIG_JSON;
    if (!v.valid(json) || v.get(ContractSettings.DRIVER_ADMISSION_CONFIG_JSON).isEmpty()) {
      return;
    }
    for (Setting<?> separate : ContractSettings.SEPARATE_POLICY) {
      if (v.valid(separate) && v.get(separate) instanceof Optional<?> o && o.isPresent()) {
        add(
            json,
            json.label()
                + " and "
                + separate.label()
                + " are both set; give the admission policy either as the JSON object or as the"
                + " separate settings, not both.");
      }
    }
  }

  private static String is(Setting<?> setting, String value) {
    return setting.label() + " is '" + Setting.printable(value) + "'";
  }

  private void add(Setting<?> setting, String sentence) {
    out.add(new Violation(setting.env(), sentence));
  }
}
