package dev.berth.kubernetes.doctor;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check 7: workspace claims can bind: the configured StorageClass exists, or, with none configured,
 * the cluster has a default StorageClass. Otherwise every workspace claim stays Pending and no
 * sandbox starts.
 */
final class StorageCheck implements DoctorCheck {

  static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

  @Override
  public String name() {
    return "workspace-storage";
  }

  @Override
  public String action() {
    return "list StorageClasses";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    List<StorageClass> classes = context.client().storage().v1().storageClasses().list().getItems();
    List<String> names = classes.stream().map(c -> c.getMetadata().getName()).sorted().toList();
    Optional<String> configured = context.settings().workspace().storageClass();
    String choices = names.isEmpty() ? "none exist" : "the cluster has " + String.join(", ", names);
    if (configured.isPresent()) {
      if (names.contains(configured.get())) {
        return CheckResult.ok(name(), "StorageClass " + configured.get() + " exists.");
      }
      return CheckResult.fail(
          name(),
          "StorageClass "
              + configured.get()
              + " does not exist ("
              + choices
              + "), so workspace claims would stay Pending.",
          "set --workspace-storage-class to an existing class, or create "
              + configured.get()
              + ".");
    }
    Optional<String> byDefault =
        classes.stream()
            .filter(StorageCheck::isDefault)
            .map(c -> c.getMetadata().getName())
            .findFirst();
    if (byDefault.isPresent()) {
      return CheckResult.ok(
          name(),
          "no StorageClass configured; the cluster default " + byDefault.get() + " is used.");
    }
    return CheckResult.fail(
        name(),
        "no StorageClass configured and the cluster has no default one ("
            + choices
            + "), so workspace claims would stay Pending.",
        "set --workspace-storage-class, or mark a class as default (kubectl annotate storageclass"
            + " <name> "
            + DEFAULT_ANNOTATION
            + "=true).");
  }

  private static boolean isDefault(StorageClass c) {
    Map<String, String> a = c.getMetadata().getAnnotations();
    return a != null && "true".equals(a.get(DEFAULT_ANNOTATION));
  }
}
