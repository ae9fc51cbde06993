package dev.berth.request;

import java.util.Objects;

/**
 * Typed CPU and memory requests and limits as Kubernetes quantity strings; empty means unset.
 *
 * @param cpuRequest e.g. {@code 500m}
 * @param cpuLimit e.g. {@code 2}
 * @param memoryRequest e.g. {@code 512Mi}
 * @param memoryLimit e.g. {@code 4Gi}
 */
public record ResourceRequests(
    String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {

  public static final ResourceRequests NONE = new ResourceRequests("", "", "", "");

  public ResourceRequests {
    Objects.requireNonNull(cpuRequest, "cpuRequest");
    Objects.requireNonNull(cpuLimit, "cpuLimit");
    Objects.requireNonNull(memoryRequest, "memoryRequest");
    Objects.requireNonNull(memoryLimit, "memoryLimit");
  }
}
