package dev.berth.validate;

import static dev.berth.config.ConfigFields.CLAIM_NAME;
import static dev.berth.config.ConfigFields.CONFIG_MAP;
import static dev.berth.config.ConfigFields.DEFAULT_MODE;
import static dev.berth.config.ConfigFields.IMAGE;
import static dev.berth.config.ConfigFields.KEY;
import static dev.berth.config.ConfigFields.MEDIUM;
import static dev.berth.config.ConfigFields.MODE;
import static dev.berth.config.ConfigFields.NAME;
import static dev.berth.config.ConfigFields.PATH;
import static dev.berth.config.ConfigFields.PULL_POLICY;
import static dev.berth.config.ConfigFields.REFERENCE;
import static dev.berth.config.ConfigFields.SECRET;
import static dev.berth.config.ConfigFields.SECRET_NAME;
import static dev.berth.config.ConfigFields.SIZE_LIMIT;

import dev.berth.config.DriverConfig.Volume;
import dev.berth.config.Quote;
import dev.berth.config.VolumeSource;
import dev.berth.naming.ContainerPaths;
import dev.berth.naming.Dns1123;
import dev.berth.naming.ManagedNames;
import dev.berth.naming.Quantities;
import dev.berth.plan.StoragePlan.PlannedVolume;
import dev.berth.plan.VolumeSourcePlan;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.PullPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code volumes[]}: names and every field of each source. */
final class VolumeRules {

  /** Largest file mode Kubernetes accepts (0777). */
  private static final long MAX_MODE = 0777;

  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private VolumeRules() {}

  /**
   * Checks every volume. Returns the declared volumes by name, including ones with problems, so
   * that mounts of a declared-but-broken volume are not also reported as unknown.
   */
  static Map<String, Declared> check(List<Volume> volumes, List<Violation> sink) {
    Map<String, Declared> declared = new LinkedHashMap<>();
    Map<String, String> firstPath = new LinkedHashMap<>();
    for (Volume v : volumes) {
      Optional<Result<VolumeSourcePlan>> source = v.source().map(VolumeRules::source);
      source.ifPresent(s -> sink.addAll(s.violations()));
      Optional<String> name = v.name();
      if (name.isEmpty()) {
        sink.add(
            new Violation(
                v.path() + "." + NAME,
                "is required; name the volume so mounts can refer to it (for example"
                    + " 'datasets')."));
        continue;
      }
      boolean nameOk = name(v, name.get(), firstPath, sink);
      declared.putIfAbsent(
          name.get(),
          new Declared(
              source.flatMap(Result::asOptional).filter(s -> nameOk),
              v.source().map(VolumeRules::readOnly).orElse(true),
              v.source().flatMap(VolumeRules::fixedReadOnly)));
    }
    return declared;
  }

  /** Checks a volume name; true when it is usable. */
  private static boolean name(
      Volume v, String name, Map<String, String> firstPath, List<Violation> sink) {
    String field = v.path() + "." + NAME;
    String previous = firstPath.putIfAbsent(name, v.path());
    if (previous != null) {
      sink.add(
          new Violation(
              field,
              "volume name "
                  + Quote.of(name)
                  + " is already used by "
                  + previous
                  + "; give each volume its own name."));
      return false;
    }
    if (!Dns1123.isLabel(name)) {
      sink.add(
          new Violation(
              field, Quote.of(name) + " is not a valid volume name: " + Dns1123.LABEL_RULE + "."));
      return false;
    }
    if (ManagedNames.RESERVED_VOLUME_NAMES.contains(name)
        || name.startsWith(ManagedNames.RESERVED_PREFIX)) {
      sink.add(
          new Violation(
              field,
              "volume name "
                  + Quote.of(name)
                  + " is reserved for volumes the driver manages (workspace and names starting"
                  + " with 'openshell-'); choose another name."));
      return false;
    }
    return true;
  }

  /** The plan's volumes: those whose name and source passed every check, in declared order. */
  static List<PlannedVolume> planned(Map<String, Declared> declared) {
    return declared.entrySet().stream()
        .filter(e -> e.getValue().source().isPresent())
        .flatMap(
            e ->
                e.getValue().source().stream()
                    .map(source -> new PlannedVolume(e.getKey(), source, e.getValue().readOnly())))
        .toList();
  }

  /** Whether mounts of this volume default to read-only. */
  private static boolean readOnly(VolumeSource source) {
    if (source instanceof VolumeSource.Pvc pvc) {
      return pvc.readOnly().orElse(true);
    }
    // Scratch space is for writing; every other source is read-only by nature.
    return !(source instanceof VolumeSource.EmptyDir);
  }

  /** For sources Kubernetes always mounts read-only, the source's field name. */
  private static Optional<String> fixedReadOnly(VolumeSource source) {
    if (source instanceof VolumeSource.ConfigMap) {
      return Optional.of(CONFIG_MAP);
    }
    if (source instanceof VolumeSource.Secret) {
      return Optional.of(SECRET);
    }
    if (source instanceof VolumeSource.Image) {
      return Optional.of(IMAGE);
    }
    return Optional.empty();
  }

  /** The planned source, or every problem of it. */
  private static Result<VolumeSourcePlan> source(VolumeSource source) {
    List<Violation> problems = new ArrayList<>();
    if (source instanceof VolumeSource.Pvc pvc) {
      subdomain(
          pvc.path() + "." + CLAIM_NAME, pvc.claimName(), "claim", "workspace-data", problems);
    } else if (source instanceof VolumeSource.ConfigMap cm) {
      subdomain(cm.path() + "." + NAME, cm.name(), "config map", "ca-bundle", problems);
      items(cm.items(), problems);
      cm.defaultMode().ifPresent(m -> mode(cm.path() + "." + DEFAULT_MODE, m, problems));
    } else if (source instanceof VolumeSource.Secret s) {
      subdomain(
          s.path() + "." + SECRET_NAME, s.secretName(), "secret", "api-credentials", problems);
      items(s.items(), problems);
      s.defaultMode().ifPresent(m -> mode(s.path() + "." + DEFAULT_MODE, m, problems));
    } else if (source instanceof VolumeSource.EmptyDir e) {
      emptyDir(e, problems);
    } else if (source instanceof VolumeSource.Image img) {
      Texts.image(
          img.path() + "." + REFERENCE,
          img.reference().orElse(""),
          "name the image whose files the volume shows, for example 'ghcr.io/org/datasets:v3'.",
          problems);
      img.pullPolicy()
          .filter(p -> PullPolicy.parse(p).isEmpty())
          .ifPresent(
              p ->
                  problems.add(
                      new Violation(
                          img.path() + "." + PULL_POLICY,
                          Quote.of(p) + " is not a pull policy; use " + PullPolicy.CHOICES + ".")));
    }
    return Result.of(problems, () -> plan(source));
  }

  /** The plan of a source that passed every check, so each required field is present. */
  private static VolumeSourcePlan plan(VolumeSource source) {
    if (source instanceof VolumeSource.Pvc pvc) {
      return new VolumeSourcePlan.Claim(pvc.claimName().orElseThrow());
    }
    if (source instanceof VolumeSource.ConfigMap cm) {
      return new VolumeSourcePlan.ConfigMap(
          cm.name().orElseThrow(), files(cm.items()), mode(cm.defaultMode()), cm.optional());
    }
    if (source instanceof VolumeSource.Secret s) {
      return new VolumeSourcePlan.Secret(
          s.secretName().orElseThrow(), files(s.items()), mode(s.defaultMode()), s.optional());
    }
    if (source instanceof VolumeSource.EmptyDir e) {
      return new VolumeSourcePlan.EmptyDir(e.medium().filter(m -> !m.isEmpty()), e.sizeLimit());
    }
    VolumeSource.Image img = (VolumeSource.Image) source;
    return new VolumeSourcePlan.Image(
        img.reference().orElseThrow(), img.pullPolicy().flatMap(PullPolicy::parse));
  }

  private static List<VolumeSourcePlan.ProjectedFile> files(List<VolumeSource.KeyToPath> items) {
    return items.stream()
        .map(
            i ->
                new VolumeSourcePlan.ProjectedFile(
                    i.key().orElseThrow(), i.target().orElseThrow(), mode(i.mode())))
        .toList();
  }

  /** A checked mode (0 to 0777) as the int the API takes. */
  private static Optional<Integer> mode(Optional<Long> mode) {
    return mode.map(Math::toIntExact);
  }

  private static void emptyDir(VolumeSource.EmptyDir e, List<Violation> sink) {
    e.medium()
        .filter(m -> !m.isEmpty() && !m.equals("Memory"))
        .ifPresent(
            m ->
                sink.add(
                    new Violation(
                        e.path() + "." + MEDIUM,
                        Quote.of(m)
                            + " is not a medium; use 'Memory' for a RAM-backed volume or leave it"
                            + " out for node disk.")));
    e.sizeLimit()
        .ifPresent(
            limit -> {
              Optional<BigDecimal> value = Quantities.value(limit);
              if (value.isEmpty()) {
                sink.add(
                    new Violation(
                        e.path() + "." + SIZE_LIMIT,
                        Quote.of(limit) + " is not a quantity; use " + Quantities.FORMAT + "."));
              } else if (value.get().signum() < 0) {
                sink.add(
                    new Violation(
                        e.path() + "." + SIZE_LIMIT,
                        Quote.of(limit) + " is negative; a size limit must be 0 or more."));
              }
            });
  }

  private static void items(List<VolumeSource.KeyToPath> items, List<Violation> sink) {
    for (VolumeSource.KeyToPath item : items) {
      String keyPath = item.path() + "." + KEY;
      if (item.key().isEmpty()) {
        sink.add(new Violation(keyPath, "is required; name the key to project."));
      } else if (!CONFIG_KEY.matcher(item.key().get()).matches()
          || item.key().get().length() > Dns1123.MAX_SUBDOMAIN) {
        sink.add(
            new Violation(
                keyPath,
                Quote.of(item.key().get())
                    + " is not a valid key; use letters, digits, '-', '_' or '.'."));
      }
      String targetPath = item.path() + "." + PATH;
      if (item.target().isEmpty()) {
        sink.add(new Violation(targetPath, "is required; give the file name inside the mount."));
      } else {
        String target = item.target().get();
        Optional<String> problem = ContainerPaths.subPath(target).problem();
        problem.ifPresent(
            p -> sink.add(new Violation(targetPath, Quote.of(target) + " " + p + ".")));
        // Kubernetes reserves names starting with '..' in projected volumes for its own files.
        if (problem.isEmpty() && target.startsWith("..")) {
          sink.add(
              new Violation(
                  targetPath,
                  Quote.of(target)
                      + " must not start with '..', which Kubernetes keeps for the files it"
                      + " manages in the volume; rename it."));
        }
      }
      item.mode().ifPresent(m -> mode(item.path() + "." + MODE, m, sink));
    }
  }

  private static void mode(String field, long mode, List<Violation> sink) {
    if (mode < 0 || mode > MAX_MODE) {
      sink.add(
          new Violation(
              field,
              "is "
                  + mode
                  + "; a file mode must be between 0 and 511 (octal 0777), for example 256 for"
                  + " 0400."));
    }
  }

  private static void subdomain(
      String field, Optional<String> value, String what, String example, List<Violation> sink) {
    if (value.isEmpty() || value.get().isEmpty()) {
      sink.add(
          new Violation(
              field, "is required; name the " + what + " to use (for example '" + example + "')."));
    } else if (!Dns1123.isSubdomain(value.get())) {
      sink.add(
          new Violation(
              field,
              Quote.of(value.get())
                  + " is not a valid "
                  + what
                  + " name: "
                  + Dns1123.SUBDOMAIN_RULE
                  + "."));
    }
  }

  /**
   * A declared volume as mounts see it.
   *
   * @param source the source when the volume passed every check
   * @param readOnly whether mounts default to read-only
   * @param alwaysReadOnly the source kind when Kubernetes always mounts it read-only
   */
  record Declared(
      Optional<VolumeSourcePlan> source, boolean readOnly, Optional<String> alwaysReadOnly) {}
}
