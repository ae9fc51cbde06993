package dev.berth.validate;

import dev.berth.config.Quote;

/**
 * Paths of request fields outside {@code driver_config}, named as in the protobuf message so a
 * violation points at what the user or the gateway sent.
 */
public final class RequestFields {

  private RequestFields() {}

  public static final String ID = "id";
  public static final String NAME = "name";
  public static final String WORKSPACE = "workspace";
  public static final String SPEC = "spec";
  public static final String LOG_LEVEL = SPEC + ".log_level";
  public static final String ENVIRONMENT = SPEC + ".environment";
  public static final String COMMAND = SPEC + ".command";
  public static final String GPU_COUNT = SPEC + ".resource_requirements.gpu.count";
  public static final String TEMPLATE = SPEC + ".template";
  public static final String IMAGE = TEMPLATE + ".image";
  public static final String AGENT_SOCKET_PATH = TEMPLATE + ".agent_socket_path";
  public static final String LABELS = TEMPLATE + ".labels";
  public static final String TEMPLATE_ENVIRONMENT = TEMPLATE + ".environment";
  public static final String RESOURCES = TEMPLATE + ".resources";
  public static final String CPU_REQUEST = RESOURCES + ".cpu_request";
  public static final String CPU_LIMIT = RESOURCES + ".cpu_limit";
  public static final String MEMORY_REQUEST = RESOURCES + ".memory_request";
  public static final String MEMORY_LIMIT = RESOURCES + ".memory_limit";
  public static final String PLATFORM_CONFIG = TEMPLATE + ".platform_config";

  /** {@code base[key]} with the key quoted, for entries of maps. */
  public static String entry(String base, String key) {
    return base + "[" + Quote.of(key) + "]";
  }
}
