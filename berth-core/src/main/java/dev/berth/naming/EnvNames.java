package dev.berth.naming;

import java.util.List;

/**
 * Environment variables the driver sets in sandbox containers: the supervisor's contract. Values
 * the driver sets here override anything of the same name a user supplied.
 */
public final class EnvNames {

  private EnvNames() {}

  /** What every name here starts with; {@link IsolationNames#env} re-spells it per generation. */
  public static final String PREFIX = "OPENSHELL_";

  public static final String SANDBOX_ID = "OPENSHELL_SANDBOX_ID";
  public static final String SANDBOX_NAME = "OPENSHELL_SANDBOX";
  public static final String ENDPOINT = "OPENSHELL_ENDPOINT";
  public static final String LOG_LEVEL = "OPENSHELL_LOG_LEVEL";
  public static final String TELEMETRY_ENABLED = "OPENSHELL_TELEMETRY_ENABLED";
  public static final String NETWORK_RUNTIME_CAPABILITIES =
      "OPENSHELL_NETWORK_RUNTIME_CAPABILITIES";
  public static final String SSH_SOCKET_PATH = "OPENSHELL_SSH_SOCKET_PATH";
  public static final String TLS_CA = "OPENSHELL_TLS_CA";
  public static final String TLS_CERT = "OPENSHELL_TLS_CERT";
  public static final String TLS_KEY = "OPENSHELL_TLS_KEY";
  public static final String SA_TOKEN_FILE = "OPENSHELL_K8S_SA_TOKEN_FILE";
  public static final String SANDBOX_TOKEN = "OPENSHELL_SANDBOX_TOKEN";
  public static final String SANDBOX_TOKEN_FILE = "OPENSHELL_SANDBOX_TOKEN_FILE";
  public static final String GATEWAY_TLS_SERVER_NAME = "OPENSHELL_GATEWAY_TLS_SERVER_NAME";
  public static final String SPIFFE_SOCKET = "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET";
  public static final String USER_ENVIRONMENT = "OPENSHELL_USER_ENVIRONMENT";
  public static final String MAIN_PROCESS_SPEC = "OPENSHELL_MAIN_PROCESS_SPEC";
  public static final String OCI_IMAGE_USER = "OPENSHELL_OCI_IMAGE_USER";
  public static final String SANDBOX_UID = "OPENSHELL_SANDBOX_UID";
  public static final String SANDBOX_GID = "OPENSHELL_SANDBOX_GID";
  public static final String SUPERVISOR_TOPOLOGY = "OPENSHELL_SUPERVISOR_TOPOLOGY";
  public static final String NETWORK_ENFORCEMENT_MODE = "OPENSHELL_NETWORK_ENFORCEMENT_MODE";
  public static final String SIDECAR_CONTROL_SOCKET = "OPENSHELL_SIDECAR_CONTROL_SOCKET";
  public static final String PROXY_TLS_DIR = "OPENSHELL_PROXY_TLS_DIR";
  public static final String ADMITTED_ISOLATION_BACKEND = "OPENSHELL_ADMITTED_ISOLATION_BACKEND";
  public static final String SSH_SOCKET_SHARED = "OPENSHELL_SSH_SOCKET_SHARED";
  public static final String PROXY_CA_CERT = "OPENSHELL_PROXY_CA_CERT";
  public static final String PROXY_CA_KEY = "OPENSHELL_PROXY_CA_KEY";
  public static final String NETWORK_BINARY_IDENTITY = "OPENSHELL_NETWORK_BINARY_IDENTITY";

  /** Credentials and gateway addressing that stay out of the sidecar topology's agent. */
  public static final List<String> SIDECAR_AGENT_REMOVED =
      List.of(
          ENDPOINT,
          GATEWAY_TLS_SERVER_NAME,
          TLS_CA,
          TLS_CERT,
          TLS_KEY,
          SANDBOX_TOKEN,
          SANDBOX_TOKEN_FILE,
          SA_TOKEN_FILE,
          SPIFFE_SOCKET);
}
