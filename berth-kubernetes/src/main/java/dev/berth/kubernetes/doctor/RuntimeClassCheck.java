package dev.berth.kubernetes.doctor;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import java.util.Optional;

/** Check 8a: the configured default RuntimeClass exists; a missing one fails every sandbox pod. */
final class RuntimeClassCheck implements DoctorCheck {

  @Override
  public String name() {
    return "runtime-class";
  }

  @Override
  public String action() {
    return "get the RuntimeClass";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    Optional<String> configured = context.settings().workspace().defaultRuntimeClassName();
    if (configured.isEmpty()) {
      return CheckResult.ok(
          name(), "no default RuntimeClass configured; sandboxes use the node's default runtime.");
    }
    RuntimeClass found = context.client().runtimeClasses().withName(configured.get()).get();
    if (found == null) {
      return CheckResult.fail(
          name(),
          "RuntimeClass "
              + configured.get()
              + " does not exist, so the API server refuses every sandbox pod that uses it.",
          "install the runtime and its RuntimeClass, or change --default-runtime-class-name.");
    }
    return CheckResult.ok(
        name(),
        "RuntimeClass " + configured.get() + " exists (handler " + found.getHandler() + ").");
  }
}
