package dev.berth.settings;

import java.util.List;
import java.util.Optional;

/**
 * The settings of the two-pod isolation backend G2 and G3 gateways run, and the G2 driver options
 * Berth accepts by name only to refuse them with the reason they do not apply. Names and defaults
 * are those of upstream's v0.1.x Kubernetes driver, so an operator switching drivers renames
 * nothing.
 */
public final class IsolationSettings {

  private IsolationSettings() {}

  /** Upstream's default boundary port: the workload's TLS listener the supervisor dials. */
  public static final int DEFAULT_BOUNDARY_PORT = 5500;

  /**
   * Pinned like {@link ImageSettings#DEFAULT_SUPERVISOR_IMAGE}: the runtime the supervisor of that
   * release pairs with.
   */
  public static final String DEFAULT_SANDBOX_RUNTIME_IMAGE =
      "ghcr.io/nvidia/openshell/sandbox-runtime:0.1.2";

  public static final Setting<String> SANDBOX_RUNTIME_IMAGE =
      new Setting<>(
          "sandbox_runtime_image",
          "OPENSHELL_SANDBOX_RUNTIME_IMAGE",
          "--sandbox-runtime-image",
          "image reference",
          DEFAULT_SANDBOX_RUNTIME_IMAGE,
          "Image holding the static sandbox runtime binary that the workload pod's bootstrap init"
              + " container stages and the agent container runs. Keep it at the version of your"
              + " gateway.",
          SettingGroup.ISOLATION,
          Parsers.image());

  public static final Setting<Optional<PullPolicy>> SANDBOX_RUNTIME_IMAGE_PULL_POLICY =
      new Setting<>(
          "sandbox_runtime_image_pull_policy",
          "OPENSHELL_SANDBOX_RUNTIME_IMAGE_PULL_POLICY",
          "--sandbox-runtime-image-pull-policy",
          Parsers.enumType(List.of(PullPolicy.values()), PullPolicy::value),
          "",
          "imagePullPolicy of the sandbox runtime image; unset leaves it to Kubernetes.",
          SettingGroup.ISOLATION,
          Parsers.optional(Parsers.pullPolicy()));

  public static final Setting<Long> BOUNDARY_PORT =
      new Setting<>(
          "sandbox_runtime.boundary_port",
          "OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT",
          "--sandbox-runtime-boundary-port",
          "integer",
          Integer.toString(DEFAULT_BOUNDARY_PORT),
          "TCP port of the workload pod's TLS listener, which only supervisor pods may reach (the"
              + " workload NetworkPolicy admits nothing else), from 1 to 65535.",
          SettingGroup.ISOLATION,
          Parsers.wholeNumber(1, 65535));

  public static final Setting<Optional<String>> PROXY_CA_BUNDLE =
      new Setting<>(
          "proxy_ca_bundle",
          "OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE",
          "--proxy-ca-bundle",
          "absolute path",
          "",
          "PEM CA bundle the supervisor trusts for the corporate proxy (an https:// proxy with a"
              + " private CA, or one that re-signs upstream certificates). The driver reads it and"
              + " stages it into each supervisor bootstrap Secret; the workload pod never sees it.",
          SettingGroup.ISOLATION,
          Parsers.optional(Parsers.absolutePath()));

  // ---- accepted by name, refused with the reason -----------------------------------------------

  public static final Setting<Optional<String>> OTLP_ENDPOINT =
      new Setting<>(
          "otlp_endpoint",
          "OPENSHELL_OTLP_ENDPOINT",
          "--otlp-endpoint",
          "refused",
          "",
          "Refused when set: Berth exports no OpenTelemetry traces; it serves Prometheus metrics on"
              + " --metrics-address and logs each call once.",
          SettingGroup.ISOLATION,
          Parsers.refused(
              "Berth exports no OpenTelemetry traces; unset it and scrape --metrics-address"
                  + " instead"));

  public static final Setting<Optional<String>> GATEWAY_NAME =
      new Setting<>(
          "gateway_name",
          "OPENSHELL_GATEWAY_NAME",
          "--gateway-name",
          "refused",
          "",
          "Refused when set: upstream uses it only as a trace attribute, and Berth exports no"
              + " traces.",
          SettingGroup.ISOLATION,
          Parsers.refused(
              "it names the gateway in exported traces, and Berth exports none; unset it"));

  public static final Setting<Optional<String>> OPERATOR_NAMESPACE_LABEL =
      new Setting<>(
          "operator_namespace_label",
          "OPENSHELL_OPERATOR_NAMESPACE_LABEL",
          "--operator-namespace-label",
          "refused",
          "",
          "Refused when set: it selects namespaces for upstream's 'operator' workspace mode, which"
              + " Berth does not offer (use 'shared' or 'managed').",
          SettingGroup.ISOLATION,
          Parsers.refused(
              "it belongs to the 'operator' workspace mode, which Berth does not offer; use"
                  + " --workspace-mode shared or managed"));

  public static final Setting<Optional<String>> OPERATOR_NAMESPACE_FILE =
      new Setting<>(
          "operator_namespace_file",
          "OPENSHELL_OPERATOR_NAMESPACE_FILE",
          "--operator-namespace-file",
          "refused",
          "",
          "Refused when set: the allowlist file of upstream's 'operator' workspace mode, which"
              + " Berth does not offer.",
          SettingGroup.ISOLATION,
          Parsers.refused(
              "it belongs to the 'operator' workspace mode, which Berth does not offer; use"
                  + " --workspace-mode shared or managed"));

  /**
   * The options accepted only to be refused. Read from a gateway's driver table by the install,
   * they stay ignored with a notice, as other upstream-only keys are: the table configures the
   * gateway's own driver, not Berth.
   */
  public static final List<Setting<?>> REFUSED =
      List.of(OTLP_ENDPOINT, GATEWAY_NAME, OPERATOR_NAMESPACE_LABEL, OPERATOR_NAMESPACE_FILE);

  static final List<Setting<?>> ALL =
      List.of(
          SANDBOX_RUNTIME_IMAGE,
          SANDBOX_RUNTIME_IMAGE_PULL_POLICY,
          BOUNDARY_PORT,
          PROXY_CA_BUNDLE,
          OTLP_ENDPOINT,
          GATEWAY_NAME,
          OPERATOR_NAMESPACE_LABEL,
          OPERATOR_NAMESPACE_FILE);
}
