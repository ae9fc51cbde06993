package dev.berth.config;

import java.util.List;

/**
 * Field names of the {@code driver_config} schema (snake_case), shared by the parser, the validator
 * and the documentation so each spelling exists once.
 */
public final class ConfigFields {

  private ConfigFields() {}

  /** Path prefix of everything in the driver's block. */
  public static final String ROOT = "driver_config.kubernetes";

  public static final String POD = "pod";
  public static final String NODE_SELECTOR = "node_selector";
  public static final String TOLERATIONS = "tolerations";
  public static final String RUNTIME_CLASS_NAME = "runtime_class_name";
  public static final String PRIORITY_CLASS_NAME = "priority_class_name";
  public static final String SECURITY_CONTEXT = "security_context";

  public static final String KEY = "key";
  public static final String OPERATOR = "operator";
  public static final String VALUE = "value";
  public static final String EFFECT = "effect";
  public static final String TOLERATION_SECONDS = "toleration_seconds";

  public static final String FS_GROUP = "fs_group";
  public static final String FS_GROUP_CHANGE_POLICY = "fs_group_change_policy";
  public static final String SUPPLEMENTAL_GROUPS = "supplemental_groups";
  public static final String RUN_AS_USER = "run_as_user";
  public static final String RUN_AS_GROUP = "run_as_group";
  public static final String RUN_AS_NON_ROOT = "run_as_non_root";
  public static final String SECCOMP_PROFILE = "seccomp_profile";
  public static final String TYPE = "type";
  public static final String LOCALHOST_PROFILE = "localhost_profile";
  public static final String SE_LINUX_OPTIONS = "se_linux_options";
  public static final String USER = "user";
  public static final String ROLE = "role";
  public static final String LEVEL = "level";
  public static final String SYSCTLS = "sysctls";
  public static final String NAME = "name";
  public static final String READ_ONLY_ROOT_FILESYSTEM = "read_only_root_filesystem";
  public static final String CAPABILITIES = "capabilities";
  public static final String DROP = "drop";
  public static final String ADD = "add";
  public static final String ALLOW_PRIVILEGE_ESCALATION = "allow_privilege_escalation";

  public static final String CONTAINERS = "containers";
  public static final String AGENT = "agent";
  public static final String RESOURCES = "resources";
  public static final String REQUESTS = "requests";
  public static final String LIMITS = "limits";
  public static final String VOLUME_MOUNTS = "volume_mounts";
  public static final String MOUNT_PATH = "mount_path";
  public static final String SUB_PATH = "sub_path";
  public static final String READ_ONLY = "read_only";

  public static final String VOLUMES = "volumes";
  public static final String PERSISTENT_VOLUME_CLAIM = "persistent_volume_claim";
  public static final String CLAIM_NAME = "claim_name";
  public static final String CONFIG_MAP = "config_map";
  public static final String SECRET = "secret";
  public static final String SECRET_NAME = "secret_name";
  public static final String ITEMS = "items";
  public static final String PATH = "path";
  public static final String MODE = "mode";
  public static final String DEFAULT_MODE = "default_mode";
  public static final String OPTIONAL = "optional";
  public static final String EMPTY_DIR = "empty_dir";
  public static final String MEDIUM = "medium";
  public static final String SIZE_LIMIT = "size_limit";
  public static final String IMAGE = "image";
  public static final String REFERENCE = "reference";
  public static final String PULL_POLICY = "pull_policy";

  public static final String WORKSPACE = "workspace";
  public static final String PERSISTENT = "persistent";
  public static final String STORAGE_SIZE = "storage_size";
  public static final String STORAGE_CLASS = "storage_class";

  /** The volume sources a user may choose from, in documentation order. */
  public static final List<String> VOLUME_SOURCES =
      List.of(PERSISTENT_VOLUME_CLAIM, CONFIG_MAP, SECRET, EMPTY_DIR, IMAGE);
}
