package dev.berth.security;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an OpenShift SecurityContextConstraints that decide whether a pod without host
 * access is admitted. Host namespaces, host ports and hostPath volumes are always refused: no
 * sandbox needs them.
 *
 * @param name the SCC's name
 * @param allowPrivilegedContainer whether containers may run privileged
 * @param allowPrivilegeEscalation whether containers may leave {@code allowPrivilegeEscalation}
 *     unset or true; when false, admission sets it to false on containers that leave it unset
 * @param allowedCapabilities capabilities containers may add
 * @param requiredDropCapabilities capabilities admission drops from every container
 * @param runAsUser {@code RunAsAny}, {@code MustRunAsRange} (the namespace's UID range) or {@code
 *     MustRunAsNonRoot}
 * @param fsGroup {@code RunAsAny} or {@code MustRunAs} (the namespace's supplemental groups)
 * @param supplementalGroups {@code RunAsAny} or {@code MustRunAs}
 * @param seLinuxContext {@code RunAsAny} or {@code MustRunAs} (the namespace's MCS level)
 * @param seccompProfiles allowed profiles in SCC spelling ({@code runtime/default}, {@code
 *     localhost/<name>}); empty means the SCC leaves seccomp alone
 * @param readOnlyRootFilesystem whether containers must run with a read-only root filesystem
 * @param volumes allowed volume types by their pod field names ({@code persistentVolumeClaim})
 */
public record Scc(
    String name,
    boolean allowPrivilegedContainer,
    boolean allowPrivilegeEscalation,
    List<String> allowedCapabilities,
    List<String> requiredDropCapabilities,
    Strategy runAsUser,
    Strategy fsGroup,
    Strategy supplementalGroups,
    Strategy seLinuxContext,
    Optional<List<String>> seccompProfiles,
    boolean readOnlyRootFilesystem,
    List<String> volumes) {

  /** An SCC strategy type, spelled as the API spells it. */
  public enum Strategy {
    RUN_AS_ANY("RunAsAny"),
    MUST_RUN_AS("MustRunAs"),
    MUST_RUN_AS_RANGE("MustRunAsRange"),
    MUST_RUN_AS_NON_ROOT("MustRunAsNonRoot");

    private final String value;

    Strategy(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** The SCC spelling of the RuntimeDefault seccomp profile. */
  public static final String RUNTIME_DEFAULT = "runtime/default";

  public Scc {
    Objects.requireNonNull(name, "name");
    allowedCapabilities = List.copyOf(allowedCapabilities);
    requiredDropCapabilities = List.copyOf(requiredDropCapabilities);
    Objects.requireNonNull(runAsUser, "runAsUser");
    Objects.requireNonNull(fsGroup, "fsGroup");
    Objects.requireNonNull(supplementalGroups, "supplementalGroups");
    Objects.requireNonNull(seLinuxContext, "seLinuxContext");
    seccompProfiles = seccompProfiles.map(List::copyOf);
    volumes = List.copyOf(volumes);
  }

  /**
   * The {@code security.openshift.io/v1} object. Grants go through RBAC ({@code use} on this name),
   * so {@code users} and {@code groups} stay empty.
   *
   * @param description the {@code kubernetes.io/description} annotation
   */
  public GenericKubernetesResource toResource(String description) {
    GenericKubernetesResource scc = new GenericKubernetesResource();
    scc.setApiVersion("security.openshift.io/v1");
    scc.setKind("SecurityContextConstraints");
    scc.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withAnnotations(Map.of("kubernetes.io/description", description))
            .build());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("allowHostDirVolumePlugin", false);
    fields.put("allowHostIPC", false);
    fields.put("allowHostNetwork", false);
    fields.put("allowHostPID", false);
    fields.put("allowHostPorts", false);
    fields.put("allowPrivilegeEscalation", allowPrivilegeEscalation);
    fields.put("allowPrivilegedContainer", allowPrivilegedContainer);
    fields.put("allowedCapabilities", allowedCapabilities);
    fields.put("defaultAddCapabilities", List.of());
    fields.put("fsGroup", Map.of("type", fsGroup.value()));
    fields.put("groups", List.of());
    fields.put("priority", null);
    fields.put("readOnlyRootFilesystem", readOnlyRootFilesystem);
    fields.put("requiredDropCapabilities", requiredDropCapabilities);
    fields.put("runAsUser", Map.of("type", runAsUser.value()));
    fields.put("seLinuxContext", Map.of("type", seLinuxContext.value()));
    seccompProfiles.ifPresent(p -> fields.put("seccompProfiles", p));
    fields.put("supplementalGroups", Map.of("type", supplementalGroups.value()));
    fields.put("users", List.of());
    fields.put("volumes", volumes);
    fields.forEach(scc::setAdditionalProperty);
    return scc;
  }
}
