package dev.berth.settings;

import static dev.berth.settings.SettingsLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Violation;
import org.junit.jupiter.api.Test;

/** The rules that span several settings: a valid baseline, one change, the exact sentence. */
class CrossChecksTest {

  private static final String MANAGED = "OPENSHELL_WORKSPACE_MODE";
  private static final String GATEWAY_ID = "OPENSHELL_GATEWAY_ID";
  private static final String PROXY = "OPENSHELL_UPSTREAM_PROXY";
  private static final String NO_PROXY = "OPENSHELL_UPSTREAM_NO_PROXY";
  private static final String SECRET_NAME = "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME";
  private static final String SECRET_KEY = "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY";
  private static final String INSECURE = "OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE";
  private static final String BY_HOSTNAME = "OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME";
  private static final String TOPOLOGY = "OPENSHELL_K8S_TOPOLOGY";
  private static final String SSH = "OPENSHELL_MANAGED_SSH_INGRESS_ENABLED";
  private static final String SSH_NS = "OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE";
  private static final String SSH_SELECTOR = "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR";
  private static final String UID = "OPENSHELL_K8S_SANDBOX_UID";
  private static final String PROXY_UID = "OPENSHELL_K8S_SIDECAR_PROXY_UID";
  private static final String BINARY_AWARE =
      "OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY";

  // ---- managed mode ----------------------------------------------------------------------------

  @Test
  void managedModeAcceptsALongestGatewayIdThatFits() {
    String id = "g".repeat(33);
    assertThat(load(MANAGED, "managed", GATEWAY_ID, id).violations()).isEmpty();
  }

  @Test
  void managedModeRefusesAGatewayIdThatIsNotADnsLabel() {
    assertThat(load(MANAGED, "managed", GATEWAY_ID, "Prod_GW").violations())
        .containsExactly(
            new Violation(
                GATEWAY_ID,
                "--gateway-id (OPENSHELL_GATEWAY_ID) is 'Prod_GW'; namespaces are named after it"
                    + " in managed workspace mode, so use only lowercase letters, digits and '-',"
                    + " starting and ending with a letter or digit, at most 33 characters."));
  }

  @Test
  void sharedModeAcceptsTheSameGatewayId() {
    assertThat(load(GATEWAY_ID, "Prod_GW").violations()).isEmpty();
  }

  @Test
  void managedModeRefusesAGatewayIdTooLongForNamespaceNames() {
    String id = "g".repeat(34);
    assertThat(load(MANAGED, "managed", GATEWAY_ID, id).violations())
        .containsExactly(
            new Violation(
                GATEWAY_ID,
                "--gateway-id (OPENSHELL_GATEWAY_ID) is '"
                    + id
                    + "' (34 characters); in managed workspace mode the namespace prefix"
                    + " 'openshell-"
                    + id
                    + "-' plus a workspace name of up to 19 characters must fit in 63"
                    + " characters, so use at most 33 characters."));
  }

  @Test
  void managedSshIngressNeedsNamespaceAndSelector() {
    assertThat(load(MANAGED, "managed", SSH, "true").violations())
        .containsExactly(
            new Violation(
                SSH_NS,
                "--managed-ssh-gateway-namespace (OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE) is"
                    + " empty but --managed-ssh-ingress-enabled"
                    + " (OPENSHELL_MANAGED_SSH_INGRESS_ENABLED) is true in managed workspace mode;"
                    + " set it to the namespace of the gateway pods."),
            new Violation(
                SSH_SELECTOR,
                "--managed-ssh-gateway-pod-selector (OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR)"
                    + " is empty but --managed-ssh-ingress-enabled"
                    + " (OPENSHELL_MANAGED_SSH_INGRESS_ENABLED) is true in managed workspace mode;"
                    + " set it to labels of the gateway pods, such as"
                    + " 'app.kubernetes.io/name=openshell'."));
  }

  @Test
  void managedSshIngressWithNamespaceAndSelectorIsAccepted() {
    assertThat(
            load(
                    MANAGED, "managed",
                    SSH, "true",
                    SSH_NS, "openshell",
                    SSH_SELECTOR, "app.kubernetes.io/name=openshell")
                .violations())
        .isEmpty();
  }

  @Test
  void sshIngressIsOnlyCheckedInManagedModeAsUpstreamDoes() {
    assertThat(load(SSH, "true").violations()).isEmpty();
  }

  // ---- upstream proxy --------------------------------------------------------------------------

  private static final String PROXY_URL = "http://proxy.corp:3128";

  @Test
  void fullProxyConfigurationWithCredentialsIsAccepted() {
    assertThat(
            load(
                    PROXY, PROXY_URL,
                    NO_PROXY, ".corp,10.0.0.0/8",
                    SECRET_NAME, "proxy-auth",
                    SECRET_KEY, "credential",
                    INSECURE, "true",
                    BY_HOSTNAME, "true",
                    TOPOLOGY, "sidecar")
                .violations())
        .isEmpty();
  }

  @Test
  void noProxyNeedsAProxy() {
    assertThat(load(NO_PROXY, ".corp").violations())
        .containsExactly(
            new Violation(
                NO_PROXY,
                "--no-proxy (OPENSHELL_UPSTREAM_NO_PROXY) is set but --https-proxy"
                    + " (OPENSHELL_UPSTREAM_PROXY) is not set; set the proxy or remove the bypass"
                    + " list."));
  }

  @Test
  void connectByHostnameNeedsAProxy() {
    assertThat(load(BY_HOSTNAME, "true").violations())
        .containsExactly(
            new Violation(
                BY_HOSTNAME,
                "--proxy-connect-by-hostname (OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME) is"
                    + " true but --https-proxy (OPENSHELL_UPSTREAM_PROXY) is not set; set the"
                    + " proxy or set it to false."));
  }

  @Test
  void secretNameNeedsAKey() {
    assertThat(
            load(PROXY, PROXY_URL, SECRET_NAME, "proxy-auth", INSECURE, "true", TOPOLOGY, "sidecar")
                .violations())
        .containsExactly(
            new Violation(
                SECRET_KEY,
                "--proxy-auth-secret-key (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY) is empty but"
                    + " --proxy-auth-secret-name (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME) is"
                    + " set; set both or neither."));
  }

  @Test
  void secretKeyNeedsAName() {
    assertThat(load(PROXY, PROXY_URL, SECRET_KEY, "credential").violations())
        .containsExactly(
            new Violation(
                SECRET_NAME,
                "--proxy-auth-secret-name (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME) is empty but"
                    + " --proxy-auth-secret-key (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY) is"
                    + " set; set both or neither."));
  }

  @Test
  void secretNeedsAProxy() {
    assertThat(
            load(
                    SECRET_NAME, "proxy-auth",
                    SECRET_KEY, "credential",
                    INSECURE, "true",
                    TOPOLOGY, "sidecar")
                .violations())
        .containsExactly(
            new Violation(
                SECRET_NAME,
                "--proxy-auth-secret-name (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME) is set but"
                    + " --https-proxy (OPENSHELL_UPSTREAM_PROXY) is not set; set the proxy the"
                    + " credential is for, or remove the Secret settings."));
  }

  @Test
  void secretNeedsAllowInsecure() {
    assertThat(
            load(
                    PROXY, PROXY_URL,
                    SECRET_NAME, "proxy-auth",
                    SECRET_KEY, "credential",
                    TOPOLOGY, "sidecar")
                .violations())
        .containsExactly(
            new Violation(
                INSECURE,
                "--proxy-auth-allow-insecure (OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE) is"
                    + " false but a proxy credential Secret is set (--proxy-auth-secret-name); the"
                    + " credential travels as cleartext Basic auth to the http:// proxy, so set it"
                    + " to true to accept that, or remove the Secret settings."));
  }

  @Test
  void secretNeedsSidecarTopology() {
    assertThat(
            load(
                    PROXY, PROXY_URL,
                    SECRET_NAME, "proxy-auth",
                    SECRET_KEY, "credential",
                    INSECURE, "true")
                .violations())
        .containsExactly(
            new Violation(
                TOPOLOGY,
                "--topology (OPENSHELL_K8S_TOPOLOGY) is 'combined' but a proxy credential Secret"
                    + " is set (--proxy-auth-secret-name); in combined topology the workload could"
                    + " read the mounted credential, so use 'sidecar', or remove the Secret"
                    + " settings."));
  }

  @Test
  void allowInsecureWithoutASecretIsRefused() {
    assertThat(load(PROXY, PROXY_URL, INSECURE, "true").violations())
        .containsExactly(
            new Violation(
                INSECURE,
                "--proxy-auth-allow-insecure (OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE) is true"
                    + " but no proxy credential Secret is set; set --proxy-auth-secret-name and"
                    + " --proxy-auth-secret-key, or set it to false."));
  }

  @Test
  void aRefusedProxyUrlDoesNotAlsoReportTheRulesThatDependOnIt() {
    assertThat(load(PROXY, "https://proxy:3128", NO_PROXY, ".corp").violations())
        .extracting(Violation::field)
        .containsExactly(PROXY);
  }

  // ---- sidecar UIDs ----------------------------------------------------------------------------

  @Test
  void relaxedSidecarRefusesASandboxUidEqualToTheProxyUid() {
    assertThat(
            load(TOPOLOGY, "sidecar", BINARY_AWARE, "false", UID, "2000", PROXY_UID, "2000")
                .violations())
        .containsExactly(
            new Violation(
                UID,
                "--sandbox-uid (OPENSHELL_K8S_SANDBOX_UID) is 2000, the same as"
                    + " --sidecar-proxy-uid (OPENSHELL_K8S_SIDECAR_PROXY_UID), whose traffic the"
                    + " sidecar's firewall lets through unfiltered; choose a different UID for one"
                    + " of them."));
  }

  @Test
  void equalUidsAreFineWhereTheProxyUidIsNotExempted() {
    assertThat(load(TOPOLOGY, "sidecar", UID, "1337").violations()).isEmpty();
    assertThat(load(BINARY_AWARE, "false", UID, "1337").violations()).isEmpty();
    assertThat(load(TOPOLOGY, "sidecar", BINARY_AWARE, "false", UID, "1338").violations())
        .isEmpty();
  }

  // ---- several at once -------------------------------------------------------------------------

  @Test
  void reportsValueAndCrossSettingProblemsTogether() {
    assertThat(
            load(
                    MANAGED, "managed",
                    GATEWAY_ID, "Prod_GW",
                    TOPOLOGY, "side-car",
                    NO_PROXY, ".corp",
                    BY_HOSTNAME, "true",
                    UID, "-1")
                .violations())
        .extracting(Violation::field)
        .containsExactly(GATEWAY_ID, UID, TOPOLOGY, NO_PROXY, BY_HOSTNAME);
  }
}
