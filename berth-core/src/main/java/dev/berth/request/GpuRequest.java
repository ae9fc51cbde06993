package dev.berth.request;

import java.util.OptionalLong;

/**
 * A request for GPUs; {@code count} absent means one GPU, as upstream.
 *
 * @param count number of GPUs when given
 */
public record GpuRequest(OptionalLong count) {

  /** The number of GPUs the pod asks for. */
  public long effectiveCount() {
    return count.orElse(1);
  }
}
