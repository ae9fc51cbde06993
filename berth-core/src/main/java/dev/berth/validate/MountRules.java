package dev.berth.validate;

import static dev.berth.config.ConfigFields.MOUNT_PATH;
import static dev.berth.config.ConfigFields.NAME;
import static dev.berth.config.ConfigFields.PERSISTENT_VOLUME_CLAIM;
import static dev.berth.config.ConfigFields.READ_ONLY;
import static dev.berth.config.ConfigFields.ROOT;
import static dev.berth.config.ConfigFields.SUB_PATH;
import static dev.berth.config.ConfigFields.VOLUMES;

import dev.berth.config.DriverConfig.Mount;
import dev.berth.config.Quote;
import dev.berth.naming.ContainerPaths;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.StoragePlan.PlannedMount;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code containers.agent.volume_mounts[]}: references, paths, sub-paths and read-only flags. */
final class MountRules {

  private MountRules() {}

  /**
   * Checks every mount against the declared volumes and the paths the driver owns.
   *
   * @param protectedPaths credential paths for this configuration (the SA token directory, plus the
   *     SPIFFE socket directory when enabled)
   * @return the valid mounts, ordered parent first
   */
  static List<PlannedMount> check(
      List<Mount> mounts,
      Map<String, VolumeRules.Declared> volumes,
      boolean volumesUncertain,
      List<String> protectedPaths,
      List<Violation> sink) {
    List<PlannedMount> planned = new ArrayList<>();
    Map<String, String> usedPaths = new HashMap<>();
    for (Mount m : mounts) {
      // This mount's own problems: it is planned only when it has none.
      List<Violation> problems = new ArrayList<>();
      Optional<VolumeRules.Declared> volume = reference(m, volumes, volumesUncertain, problems);
      Optional<String> path = mountPath(m, protectedPaths, usedPaths, problems);
      m.subPath()
          .ifPresent(
              sub ->
                  ContainerPaths.subPath(sub)
                      .problem()
                      .ifPresent(
                          p ->
                              problems.add(
                                  new Violation(
                                      m.path() + "." + SUB_PATH, Quote.of(sub) + " " + p + "."))));
      boolean readOnly = volume.map(v -> readOnly(m, v, problems)).orElse(true);
      sink.addAll(problems);
      if (problems.isEmpty() && volume.isPresent() && path.isPresent()) {
        planned.add(new PlannedMount(m.name().orElseThrow(), path.get(), m.subPath(), readOnly));
      }
    }
    // Parents first, so a mount under /sandbox lands on top of the workspace, never beneath it.
    planned.sort(
        Comparator.comparingInt((PlannedMount p) -> ContainerPaths.depth(p.mountPath()))
            .thenComparing(PlannedMount::mountPath));
    return planned;
  }

  private static Optional<VolumeRules.Declared> reference(
      Mount m,
      Map<String, VolumeRules.Declared> volumes,
      boolean volumesUncertain,
      List<Violation> sink) {
    String field = m.path() + "." + NAME;
    if (m.name().isEmpty() || m.name().get().isEmpty()) {
      sink.add(
          new Violation(
              field, "is required; name the volume to mount, as declared under volumes[]."));
      return Optional.empty();
    }
    String name = m.name().get();
    VolumeRules.Declared declared = volumes.get(name);
    if (declared == null && volumesUncertain) {
      // A volume that could not be read may be the one meant; its own violation says what to fix.
      return Optional.empty();
    }
    if (declared == null) {
      String known =
          volumes.isEmpty()
              ? "no volumes are declared"
              : "declared volumes: " + Quote.list(volumes.keySet(), 80);
      sink.add(
          new Violation(
              field,
              "refers to volume "
                  + Quote.of(name)
                  + ", which is not declared under "
                  + ROOT
                  + "."
                  + VOLUMES
                  + " ("
                  + known
                  + "); declare it or fix the name."));
      return Optional.empty();
    }
    return Optional.of(declared);
  }

  private static Optional<String> mountPath(
      Mount m, List<String> protectedPaths, Map<String, String> usedPaths, List<Violation> sink) {
    String field = m.path() + "." + MOUNT_PATH;
    if (m.mountPath().isEmpty()) {
      sink.add(new Violation(field, "is required; give an absolute path such as '/sandbox/data'."));
      return Optional.empty();
    }
    String raw = m.mountPath().get();
    Result<String> check = ContainerPaths.normalizeAbsolute(raw);
    if (!check.isValid()) {
      sink.add(new Violation(field, Quote.of(raw) + " " + check.problem().orElseThrow() + "."));
      return Optional.empty();
    }
    String path = check.orElseThrow();
    List<Violation> problems = new ArrayList<>();
    reserved(
        field,
        path,
        ManagedNames.CONTROL_ROOTS,
        "which the OpenShell supervisor owns; mount somewhere else, for example under /sandbox or"
            + " /mnt.",
        problems);
    reserved(
        field,
        path,
        protectedPaths,
        "which holds the sandbox's gateway credentials; mount somewhere else.",
        problems);
    if (ContainerPaths.isOrUnder(ManagedNames.WORKSPACE_PATH, path)) {
      problems.add(
          new Violation(
              field,
              Quote.of(path)
                  + " would cover the "
                  + ManagedNames.WORKSPACE_PATH
                  + " workspace; mount below it (for example /sandbox/data) or elsewhere."));
    }
    String previous = usedPaths.putIfAbsent(path, m.path());
    if (previous != null) {
      problems.add(
          new Violation(
              field,
              Quote.of(path)
                  + " is already used by "
                  + previous
                  + "; a container can mount only one volume at a path."));
    }
    sink.addAll(problems);
    return problems.isEmpty() ? Optional.of(path) : Optional.empty();
  }

  /** One violation per mount for every reserved path it is at, inside or above. */
  private static void reserved(
      String field, String path, List<String> reserved, String why, List<Violation> sink) {
    List<String> hit = reserved.stream().filter(r -> ContainerPaths.overlaps(path, r)).toList();
    if (hit.isEmpty()) {
      return;
    }
    String phrase;
    if (hit.contains(path)) {
      phrase = " is a reserved path, ";
    } else if (ContainerPaths.isOrUnder(path, hit.get(0))) {
      phrase = " is inside " + Quote.of(hit.get(0)) + ", ";
    } else {
      phrase = " would cover " + joined(hit) + ", ";
    }
    sink.add(new Violation(field, Quote.of(path) + phrase + why));
  }

  private static String joined(List<String> paths) {
    List<String> quoted = paths.stream().map(Quote::of).toList();
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " and "
        + quoted.get(quoted.size() - 1);
  }

  private static boolean readOnly(Mount m, VolumeRules.Declared volume, List<Violation> sink) {
    boolean explicitWrite = m.readOnly().filter(ro -> !ro).isPresent();
    if (explicitWrite && volume.alwaysReadOnly().isPresent()) {
      sink.add(
          new Violation(
              m.path() + "." + READ_ONLY,
              "is false, but "
                  + volume.alwaysReadOnly().get()
                  + " volumes are always mounted read-only; remove read_only."));
    } else if (explicitWrite && volume.readOnly()) {
      sink.add(
          new Violation(
              m.path() + "." + READ_ONLY,
              "is false, but volume "
                  + Quote.of(m.name().orElseThrow())
                  + " is read-only; set "
                  + PERSISTENT_VOLUME_CLAIM
                  + "."
                  + READ_ONLY
                  + ": false on the volume to allow writes (the mount then inherits it)."));
    }
    return m.readOnly().orElse(volume.readOnly());
  }
}
