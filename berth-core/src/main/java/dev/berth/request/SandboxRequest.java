package dev.berth.request;

import java.util.Objects;

/**
 * A request to create a sandbox, independent of how it arrived (gRPC or a file). It mirrors
 * OpenShell's {@code DriverSandbox}; the sandbox token is deliberately not carried: the Kubernetes
 * driver never uses it, so it cannot leak from here.
 *
 * @param id gateway-assigned sandbox id
 * @param name user-facing sandbox name
 * @param namespace namespace hint from the gateway (informational; the driver decides)
 * @param workspace OpenShell workspace the sandbox belongs to
 * @param spec what to run
 */
public record SandboxRequest(
    String id, String name, String namespace, String workspace, SandboxSpec spec) {

  public SandboxRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(spec, "spec");
  }
}
