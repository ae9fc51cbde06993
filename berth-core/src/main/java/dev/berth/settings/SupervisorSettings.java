package dev.berth.settings;

import java.util.List;
import java.util.Optional;

/** How the supervisor is arranged in the pod and how sandbox egress reaches a corporate proxy. */
public final class SupervisorSettings {

  private SupervisorSettings() {}

  /** UIDs below 1000 belong to system accounts on most distributions. */
  public static final long MIN_PROXY_UID = 1000;

  /** 4294967295 is (uid_t) -1, which the setuid family reads as "leave unchanged". */
  public static final long MAX_UID = 4294967294L;

  public static final Setting<Topology> TOPOLOGY =
      new Setting<>(
          "topology",
          "OPENSHELL_K8S_TOPOLOGY",
          "--topology",
          Parsers.enumType(Topology.SINGLE_POD, Topology::value),
          Topology.COMBINED.value(),
          "'combined' runs the supervisor inside the agent container as root with added"
              + " capabilities; 'sidecar' runs the agent unprivileged and network enforcement in a"
              + " separate container. G2 and G3 gateways get the two-pod isolation backend their"
              + " supervisor needs, whatever this says.",
          SettingGroup.SUPERVISOR,
          Parsers.choice(Topology.SINGLE_POD, Topology::value));

  public static final Setting<Long> SIDECAR_PROXY_UID =
      new Setting<>(
          "sidecar.proxy_uid",
          "OPENSHELL_K8S_SIDECAR_PROXY_UID",
          "--sidecar-proxy-uid",
          "integer",
          "1337",
          "UID of the network sidecar when binary-aware policy is off, from 1000 to 4294967294."
              + " The sidecar's firewall exempts this UID, so it must differ from the sandbox UID.",
          SettingGroup.SUPERVISOR,
          Parsers.wholeNumber(MIN_PROXY_UID, MAX_UID));

  public static final Setting<Boolean> BINARY_AWARE_NETWORK_POLICY =
      new Setting<>(
          "sidecar.process_binary_aware_network_policy",
          "OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY",
          "--sidecar-process-binary-aware-network-policy",
          "boolean",
          "true",
          "In sidecar topology, match network policy against the calling binary; the sidecar"
              + " then runs as root with /proc inspection rights. 'false' runs it as"
              + " --sidecar-proxy-uid and ignores the binaries in policies.",
          SettingGroup.SUPERVISOR,
          Parsers.bool());

  public static final Setting<Optional<String>> HTTPS_PROXY =
      new Setting<>(
          "https_proxy",
          "OPENSHELL_UPSTREAM_PROXY",
          "--https-proxy",
          "URL (http://host:port)",
          "",
          "Corporate HTTP forward proxy for policy-approved egress, exactly http://host:port."
              + " Credentials belong in a Secret, never in the URL.",
          SettingGroup.SUPERVISOR,
          Parsers.optional(s -> Addresses.proxyUrlProblem(s).orElseGet(() -> Parsed.value(s))));

  public static final Setting<Optional<String>> NO_PROXY =
      new Setting<>(
          "no_proxy",
          "OPENSHELL_UPSTREAM_NO_PROXY",
          "--no-proxy",
          "list (comma-separated)",
          "",
          "Destinations that bypass the proxy; OpenShell policy still applies to them. Requires"
              + " --https-proxy.",
          SettingGroup.SUPERVISOR,
          Parsers.optional(Parsers.text()));

  public static final Setting<Optional<String>> PROXY_AUTH_SECRET_NAME =
      new Setting<>(
          "proxy_auth_secret_name",
          "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME",
          "--proxy-auth-secret-name",
          "string",
          "",
          "Secret holding the proxy credential as 'user:password', mounted only into the network"
              + " sidecar. Requires --proxy-auth-secret-key, --proxy-auth-allow-insecure and"
              + " sidecar topology.",
          SettingGroup.SUPERVISOR,
          Parsers.optional(Parsers.dnsSubdomain()));

  public static final Setting<Optional<String>> PROXY_AUTH_SECRET_KEY =
      new Setting<>(
          "proxy_auth_secret_key",
          "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY",
          "--proxy-auth-secret-key",
          "string",
          "",
          "Key of the credential in the --proxy-auth-secret-name Secret.",
          SettingGroup.SUPERVISOR,
          Parsers.optional(Parsers.secretKey()));

  public static final Setting<Boolean> PROXY_AUTH_ALLOW_INSECURE =
      new Setting<>(
          "proxy_auth_allow_insecure",
          "OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE",
          "--proxy-auth-allow-insecure",
          "boolean",
          "false",
          "Accepts that the proxy credential travels as cleartext Basic auth to the http://"
              + " proxy. Required with a credential Secret and refused without one.",
          SettingGroup.SUPERVISOR,
          Parsers.bool());

  public static final Setting<Boolean> PROXY_CONNECT_BY_HOSTNAME =
      new Setting<>(
          "proxy_connect_by_hostname",
          "OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME",
          "--proxy-connect-by-hostname",
          "boolean",
          "false",
          "Send host names instead of the validated IP addresses in CONNECT requests, for proxies"
              + " whose rules filter by name. Requires --https-proxy.",
          SettingGroup.SUPERVISOR,
          Parsers.bool());

  static final List<Setting<?>> ALL =
      List.of(
          TOPOLOGY,
          SIDECAR_PROXY_UID,
          BINARY_AWARE_NETWORK_POLICY,
          HTTPS_PROXY,
          NO_PROXY,
          PROXY_AUTH_SECRET_NAME,
          PROXY_AUTH_SECRET_KEY,
          PROXY_AUTH_ALLOW_INSECURE,
          PROXY_CONNECT_BY_HOSTNAME);
}
