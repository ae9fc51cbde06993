package dev.berth.settings;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Who the sandbox runs as and where its files live. */
public final class PodSettings {

  private PodSettings() {}

  public static final long MIN_SANDBOX_ID = 1;

  private static Setting.Parser<OptionalLong> optionalId() {
    Setting.Parser<Long> range = Parsers.wholeNumber(MIN_SANDBOX_ID, SupervisorSettings.MAX_UID);
    return s ->
        s.isEmpty() ? Parsed.value(OptionalLong.empty()) : range.parse(s).map(OptionalLong::of);
  }

  public static final Setting<Boolean> ENABLE_USER_NAMESPACES =
      new Setting<>(
          "enable_user_namespaces",
          "OPENSHELL_ENABLE_USER_NAMESPACES",
          "--enable-user-namespaces",
          "boolean",
          "false",
          "Run sandbox pods in a user namespace (hostUsers: false), so root in the pod is not root"
              + " on the node. The cluster and container runtime must support user namespaces.",
          SettingGroup.POD,
          Parsers.bool());

  public static final Setting<Optional<AppArmorChoice>> APP_ARMOR_PROFILE =
      new Setting<>(
          "app_armor_profile",
          "OPENSHELL_K8S_APP_ARMOR_PROFILE",
          "--app-armor-profile",
          "enum: RuntimeDefault|Unconfined|Localhost/<name>",
          "",
          "AppArmor profile of the agent container; unset leaves the field out of the pod.",
          SettingGroup.POD,
          Parsers.optional(Parsers.appArmorProfile()));

  public static final Setting<OptionalLong> SANDBOX_UID =
      new Setting<>(
          "sandbox_uid",
          "OPENSHELL_K8S_SANDBOX_UID",
          "--sandbox-uid",
          "integer",
          "",
          "UID the workload runs as, from 1 to 4294967294. Unset: the start of the namespace's"
              + " OpenShift SCC UID range, else 1000.",
          SettingGroup.POD,
          optionalId());

  public static final Setting<OptionalLong> SANDBOX_GID =
      new Setting<>(
          "sandbox_gid",
          "OPENSHELL_K8S_SANDBOX_GID",
          "--sandbox-gid",
          "integer",
          "",
          "GID of the workload and its workspace files, from 1 to 4294967294. Unset: the UID.",
          SettingGroup.POD,
          optionalId());

  public static final Setting<String> WORKSPACE_DEFAULT_STORAGE_SIZE =
      new Setting<>(
          "workspace_default_storage_size",
          "OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE",
          "--workspace-default-storage-size",
          "quantity",
          "2Gi",
          "Size of the workspace volume claim when the request gives none. Upstream reads only"
              + " the environment variable; the flag is Berth's.",
          SettingGroup.POD,
          Parsers.positiveQuantity());

  public static final Setting<Optional<String>> WORKSPACE_STORAGE_CLASS =
      new Setting<>(
          "workspace_storage_class",
          "OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS",
          "--workspace-storage-class",
          "string",
          "",
          "StorageClass of the workspace claim; unset uses the cluster default, and on clusters"
              + " without one the workspace stays Pending. Upstream reads only the environment"
              + " variable; the flag is Berth's.",
          SettingGroup.POD,
          Parsers.optional(Parsers.dnsSubdomain()));

  public static final Setting<Optional<String>> DEFAULT_RUNTIME_CLASS_NAME =
      new Setting<>(
          "default_runtime_class_name",
          "OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME",
          "--default-runtime-class-name",
          "string",
          "",
          "RuntimeClass of sandboxes whose request names none, such as 'gvisor' or 'kata'; unset"
              + " uses the cluster default. Upstream reads only the environment variable; the flag"
              + " is Berth's.",
          SettingGroup.POD,
          Parsers.optional(Parsers.dnsSubdomain()));

  static final List<Setting<?>> ALL =
      List.of(
          ENABLE_USER_NAMESPACES,
          APP_ARMOR_PROFILE,
          SANDBOX_UID,
          SANDBOX_GID,
          WORKSPACE_DEFAULT_STORAGE_SIZE,
          WORKSPACE_STORAGE_CLASS,
          DEFAULT_RUNTIME_CLASS_NAME);
}
