package dev.berth.settings;

import dev.berth.naming.Dns1123;
import java.util.List;
import java.util.Optional;

/** The images sandbox pods run and how they are pulled. */
public final class ImageSettings {

  private ImageSettings() {}

  /**
   * Upstream computes its default from the version it was built as (an untagged build of HEAD says
   * {@code dev}); Berth pins the newest upstream release so a default install is reproducible. Bump
   * it together with the gateway version Berth is tested against.
   */
  public static final String DEFAULT_SUPERVISOR_IMAGE = "ghcr.io/nvidia/openshell/supervisor:0.1.2";

  public static final String DEFAULT_SANDBOX_IMAGE =
      "ghcr.io/nvidia/openshell-community/sandboxes/base:latest";

  private static final String PULL_POLICY_TYPE =
      Parsers.enumType(List.of(PullPolicy.values()), PullPolicy::value);

  public static final Setting<String> SANDBOX_IMAGE =
      new Setting<>(
          "default_image",
          "OPENSHELL_SANDBOX_IMAGE",
          "--sandbox-image",
          "image reference",
          DEFAULT_SANDBOX_IMAGE,
          "Image of sandboxes whose request names none.",
          SettingGroup.IMAGES,
          Parsers.image());

  public static final Setting<Optional<PullPolicy>> SANDBOX_IMAGE_PULL_POLICY =
      new Setting<>(
          "image_pull_policy",
          "OPENSHELL_SANDBOX_IMAGE_PULL_POLICY",
          "--sandbox-image-pull-policy",
          PULL_POLICY_TYPE,
          "",
          "imagePullPolicy of the agent container; unset leaves it to Kubernetes (Always for"
              + " ':latest', IfNotPresent otherwise).",
          SettingGroup.IMAGES,
          Parsers.optional(Parsers.pullPolicy()));

  public static final Setting<List<String>> IMAGE_PULL_SECRETS =
      new Setting<>(
          "image_pull_secrets",
          "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS",
          "--sandbox-image-pull-secrets",
          "list (comma-separated)",
          "",
          "Secrets that kubelet uses to pull the sandbox and supervisor images; in managed mode"
              + " the driver copies them into each workspace namespace.",
          SettingGroup.IMAGES,
          s ->
              s.isEmpty()
                  ? Parsed.value(List.of())
                  : Parsers.commaList(
                          Dns1123::isSubdomain,
                          "a Secret name, a DNS-1123 subdomain, so " + Dns1123.SUBDOMAIN_RULE)
                      .parse(s));

  public static final Setting<String> SUPERVISOR_IMAGE =
      new Setting<>(
          "supervisor_image",
          "OPENSHELL_SUPERVISOR_IMAGE",
          "--supervisor-image",
          "image reference",
          DEFAULT_SUPERVISOR_IMAGE,
          "Image that provides the openshell-sandbox supervisor binary. The default is upstream"
              + " release 0.1.2; keep it at the version of your gateway.",
          SettingGroup.IMAGES,
          Parsers.image());

  public static final Setting<Optional<PullPolicy>> SUPERVISOR_IMAGE_PULL_POLICY =
      new Setting<>(
          "supervisor_image_pull_policy",
          "OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY",
          "--supervisor-image-pull-policy",
          PULL_POLICY_TYPE,
          "",
          "imagePullPolicy of the supervisor image; unset leaves it to Kubernetes.",
          SettingGroup.IMAGES,
          Parsers.optional(Parsers.pullPolicy()));

  public static final Setting<SideloadMethod> SUPERVISOR_SIDELOAD_METHOD =
      new Setting<>(
          "supervisor_sideload_method",
          "OPENSHELL_SUPERVISOR_SIDELOAD_METHOD",
          "--supervisor-sideload-method",
          Parsers.enumType(List.of(SideloadMethod.values()), SideloadMethod::value),
          SideloadMethod.IMAGE_VOLUME.value(),
          "How the supervisor binary reaches the pod: 'image-volume' mounts the supervisor image"
              + " as a volume (Kubernetes 1.33+ with the ImageVolume feature), 'init-container'"
              + " copies it into an emptyDir and works on any version.",
          SettingGroup.IMAGES,
          Parsers.choice(List.of(SideloadMethod.values()), SideloadMethod::value));

  static final List<Setting<?>> ALL =
      List.of(
          SANDBOX_IMAGE,
          SANDBOX_IMAGE_PULL_POLICY,
          IMAGE_PULL_SECRETS,
          SUPERVISOR_IMAGE,
          SUPERVISOR_IMAGE_PULL_POLICY,
          SUPERVISOR_SIDELOAD_METHOD);
}
