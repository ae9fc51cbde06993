package dev.berth.kubernetes.doctor;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/**
 * Check 8b: some node advertises {@code nvidia.com/gpu}, so GPU sandboxes can be scheduled. Only a
 * failure when GPU sandboxes are expected ({@code --expect-gpu}).
 */
final class GpuCheck implements DoctorCheck {

  static final String GPU = "nvidia.com/gpu";

  @Override
  public String name() {
    return "gpu-nodes";
  }

  @Override
  public String action() {
    return "list nodes";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    List<Node> nodes = context.client().nodes().list().getItems();
    long gpuNodes = nodes.stream().filter(GpuCheck::advertises).count();
    if (gpuNodes > 0) {
      return CheckResult.ok(
          name(), gpuNodes + " of " + nodes.size() + " nodes advertise " + GPU + ".");
    }
    String found = "no node advertises " + GPU + ", so GPU sandboxes would stay Pending.";
    String fix =
        "install the NVIDIA device plugin (or GPU Operator) on the GPU nodes, or run GPU sandboxes"
            + " elsewhere.";
    return context.expectGpu()
        ? CheckResult.fail(name(), found, fix)
        : CheckResult.ok(name(), found + " (Pass --expect-gpu to make this a failure.)");
  }

  private static boolean advertises(Node node) {
    if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
      return false;
    }
    Quantity q = node.getStatus().getAllocatable().get(GPU);
    return q != null && q.getNumericalAmount().signum() > 0;
  }
}
