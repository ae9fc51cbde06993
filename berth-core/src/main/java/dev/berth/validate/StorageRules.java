package dev.berth.validate;

import static dev.berth.config.ConfigFields.PERSISTENT;
import static dev.berth.config.ConfigFields.ROOT;
import static dev.berth.config.ConfigFields.STORAGE_CLASS;
import static dev.berth.config.ConfigFields.STORAGE_SIZE;
import static dev.berth.config.ConfigFields.WORKSPACE;

import dev.berth.config.DriverConfig;
import dev.berth.config.Quote;
import dev.berth.naming.ContainerPaths;
import dev.berth.naming.Dns1123;
import dev.berth.naming.ManagedNames;
import dev.berth.naming.Quantities;
import dev.berth.plan.StoragePlan;
import dev.berth.plan.StoragePlan.WorkspacePlan;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** User volumes, mounts and the workspace decision. */
final class StorageRules {

  private static final String WORKSPACE_PATH = ROOT + "." + WORKSPACE;

  private StorageRules() {}

  static StoragePlan check(DriverConfig config, DriverSettings settings, List<Violation> sink) {
    Map<String, VolumeRules.Declared> volumes = VolumeRules.check(config.volumes(), sink);
    var mounts =
        MountRules.check(
            config.agent().volumeMounts(),
            volumes,
            !config.volumesComplete()
                || config.volumes().stream().anyMatch(v -> v.name().isEmpty()),
            protectedPaths(settings),
            sink);
    return new StoragePlan(
        VolumeRules.planned(volumes), mounts, workspace(config.workspace(), settings, sink));
  }

  /** Credential paths a mount may not overlap under these settings. */
  static List<String> protectedPaths(DriverSettings settings) {
    List<String> paths = new ArrayList<>(ManagedNames.PROTECTED_PATHS);
    settings
        .gateway()
        .spiffeWorkloadApiSocket()
        .ifPresent(socket -> paths.add(ContainerPaths.parent(socket)));
    return paths;
  }

  private static WorkspacePlan workspace(
      DriverConfig.Workspace ws, DriverSettings settings, List<Violation> sink) {
    boolean persistent = ws.persistent().orElse(true);
    if (!persistent) {
      ws.storageSize().ifPresent(s -> unused(STORAGE_SIZE, sink));
      ws.storageClass().ifPresent(s -> unused(STORAGE_CLASS, sink));
    }
    String size = ws.storageSize().orElse(settings.workspace().defaultStorageSize());
    ws.storageSize()
        .ifPresent(
            s -> {
              Optional<BigDecimal> value = Quantities.value(s);
              if (value.isEmpty() || value.get().signum() <= 0) {
                sink.add(
                    new Violation(
                        WORKSPACE_PATH + "." + STORAGE_SIZE,
                        Quote.of(s)
                            + " is not a usable size; use a positive quantity such as 10Gi."));
              }
            });
    Optional<String> storageClass =
        ws.storageClass().filter(c -> !c.isEmpty()).or(() -> settings.workspace().storageClass());
    ws.storageClass()
        .filter(c -> !c.isEmpty() && !Dns1123.isSubdomain(c))
        .ifPresent(
            c ->
                sink.add(
                    new Violation(
                        WORKSPACE_PATH + "." + STORAGE_CLASS,
                        Quote.of(c)
                            + " is not a valid storage class name: "
                            + Dns1123.SUBDOMAIN_RULE
                            + ".")));
    return new WorkspacePlan(persistent, size, storageClass);
  }

  private static void unused(String field, List<Violation> sink) {
    sink.add(
        new Violation(
            WORKSPACE_PATH + "." + field,
            "has no effect when "
                + PERSISTENT
                + " is false (the workspace is then an emptyDir); remove it or set "
                + PERSISTENT
                + ": true."));
  }
}
