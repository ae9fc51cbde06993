package dev.berth.settings;

import dev.berth.validate.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** TEMPORARY STUB until the settings branch lands. */
final class SettingsLoader {
  private SettingsLoader() {}

  static Outcome<DriverSettings> load(Map<String, String> values) {
    Topology topology =
        values.getOrDefault("OPENSHELL_K8S_TOPOLOGY", "combined").equals("sidecar")
            ? Topology.SIDECAR
            : Topology.COMBINED;
    WorkspaceMode mode =
        values.getOrDefault("OPENSHELL_WORKSPACE_MODE", "shared").equals("managed")
            ? WorkspaceMode.MANAGED
            : WorkspaceMode.SHARED;
    String spiffe = values.getOrDefault("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "");
    return Outcome.valid(
        new DriverSettings(
            new DriverSettings.Serving(
                Optional.empty(), "127.0.0.1:50061", "info", LogFormat.TEXT, Optional.empty()),
            new DriverSettings.Cluster(
                mode,
                "openshell",
                "default",
                "default",
                new DriverSettings.ManagedSshIngress(false, Optional.empty(), Map.of())),
            new DriverSettings.Images(
                "ghcr.io/nvidia/openshell-community/sandboxes/base:latest",
                Optional.empty(),
                List.of(),
                "ghcr.io/nvidia/openshell/supervisor:latest",
                Optional.empty(),
                SideloadMethod.IMAGE_VOLUME),
            new DriverSettings.Supervisor(
                topology,
                1337,
                true,
                new DriverSettings.UpstreamProxy(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    false)),
            new DriverSettings.PodIdentity(
                values.containsKey("OPENSHELL_ENABLE_USER_NAMESPACES"),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty()),
            new DriverSettings.Gateway(
                "",
                "/run/openshell/ssh.sock",
                Optional.empty(),
                Optional.empty(),
                3600,
                spiffe.isEmpty() ? Optional.empty() : Optional.of(spiffe),
                false),
            new DriverSettings.Workspace("2Gi", Optional.empty(), Optional.empty())));
  }
}
