package dev.berth.config;

import static dev.berth.config.ConfigFields.CLAIM_NAME;
import static dev.berth.config.ConfigFields.CONFIG_MAP;
import static dev.berth.config.ConfigFields.DEFAULT_MODE;
import static dev.berth.config.ConfigFields.EMPTY_DIR;
import static dev.berth.config.ConfigFields.IMAGE;
import static dev.berth.config.ConfigFields.ITEMS;
import static dev.berth.config.ConfigFields.KEY;
import static dev.berth.config.ConfigFields.MEDIUM;
import static dev.berth.config.ConfigFields.MODE;
import static dev.berth.config.ConfigFields.NAME;
import static dev.berth.config.ConfigFields.OPTIONAL;
import static dev.berth.config.ConfigFields.PATH;
import static dev.berth.config.ConfigFields.PERSISTENT_VOLUME_CLAIM;
import static dev.berth.config.ConfigFields.PULL_POLICY;
import static dev.berth.config.ConfigFields.READ_ONLY;
import static dev.berth.config.ConfigFields.REFERENCE;
import static dev.berth.config.ConfigFields.SECRET;
import static dev.berth.config.ConfigFields.SECRET_NAME;
import static dev.berth.config.ConfigFields.SIZE_LIMIT;
import static dev.berth.config.ConfigFields.VOLUME_SOURCES;

import dev.berth.config.DriverConfig.Volume;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code volumes[]} entries: a name and exactly one supported source. */
final class VolumeParser {

  /**
   * Sources Kubernetes knows but a sandbox may not use, with the reason. Keys are snake_case; a
   * camelCase spelling is matched through {@link UnknownFields#toSnake}.
   */
  private static final Map<String, String> REFUSED =
      Map.ofEntries(
          Map.entry(
              "host_path",
              "host_path volumes are refused: they expose the node's filesystem to the sandbox and"
                  + " are rejected by Pod Security 'baseline' and OpenShift restricted-v2; use a"
                  + " persistent_volume_claim instead."),
          Map.entry(
              "csi",
              "inline csi volumes are not supported; create a PersistentVolumeClaim with the CSI"
                  + " storage class and use persistent_volume_claim."),
          Map.entry(
              "projected",
              "projected volumes are not supported; use separate config_map and secret volumes."),
          Map.entry(
              "downward_api",
              "downward_api volumes are not supported; the sandbox identity is already in the"
                  + " OPENSHELL_SANDBOX_* environment variables."),
          Map.entry(
              "ephemeral",
              "ephemeral volumes are not supported; use empty_dir for scratch space or"
                  + " persistent_volume_claim for storage."),
          Map.entry(
              "nfs",
              "nfs volumes are not supported inline; create a PersistentVolume and claim, then use"
                  + " persistent_volume_claim."),
          Map.entry(
              "git_repo",
              "git_repo volumes are deprecated and refused by Kubernetes; clone inside the"
                  + " sandbox instead."));

  private VolumeParser() {}

  static Volume volume(JsonCursor c) {
    Optional<String> name = c.string(NAME);
    List<VolumeSource> sources = new ArrayList<>();
    c.object(PERSISTENT_VOLUME_CLAIM).map(VolumeParser::pvc).ifPresent(sources::add);
    c.object(CONFIG_MAP).map(VolumeParser::configMap).ifPresent(sources::add);
    c.object(SECRET).map(VolumeParser::secret).ifPresent(sources::add);
    c.object(EMPTY_DIR).map(VolumeParser::emptyDir).ifPresent(sources::add);
    c.object(IMAGE).map(VolumeParser::image).ifPresent(sources::add);

    boolean refused = false;
    for (String field : c.fieldNames()) {
      String reason = REFUSED.get(UnknownFields.toSnake(field));
      if (reason != null) {
        c.allow(field);
        c.sink().add(new Violation(c.path(field), reason));
        refused = true;
      }
    }
    if (sources.size() > 1) {
      c.sink()
          .add(
              new Violation(
                  c.path(),
                  "sets "
                      + sources.size()
                      + " sources ("
                      + String.join(", ", sourceNames(sources))
                      + "); a volume has exactly one, so split it into separate volumes."));
    } else if (sources.isEmpty() && !refused && !hasPresentSourceField(c)) {
      c.sink()
          .add(
              new Violation(
                  c.path(),
                  "has no source; add exactly one of " + String.join(", ", VOLUME_SOURCES) + "."));
    }
    c.finish();
    return new Volume(
        c.path(), name, sources.size() == 1 ? Optional.of(sources.get(0)) : Optional.empty());
  }

  /** True when a source field was written but unreadable (already reported as a wrong type). */
  private static boolean hasPresentSourceField(JsonCursor c) {
    return VOLUME_SOURCES.stream().anyMatch(c::has);
  }

  private static List<String> sourceNames(List<VolumeSource> sources) {
    return sources.stream().map(s -> s.path().substring(s.path().lastIndexOf('.') + 1)).toList();
  }

  private static VolumeSource pvc(JsonCursor c) {
    VolumeSource out = new VolumeSource.Pvc(c.path(), c.string(CLAIM_NAME), c.bool(READ_ONLY));
    c.finish();
    return out;
  }

  private static VolumeSource configMap(JsonCursor c) {
    VolumeSource out =
        new VolumeSource.ConfigMap(
            c.path(), c.string(NAME), items(c), c.integer(DEFAULT_MODE), c.bool(OPTIONAL));
    c.finish();
    return out;
  }

  private static VolumeSource secret(JsonCursor c) {
    VolumeSource out =
        new VolumeSource.Secret(
            c.path(), c.string(SECRET_NAME), items(c), c.integer(DEFAULT_MODE), c.bool(OPTIONAL));
    c.finish();
    return out;
  }

  private static List<VolumeSource.KeyToPath> items(JsonCursor c) {
    List<VolumeSource.KeyToPath> items = new ArrayList<>();
    for (JsonCursor.Element e : c.array(ITEMS)) {
      JsonCursor.object(e.node(), e.path(), c.sink())
          .ifPresent(
              i -> {
                items.add(
                    new VolumeSource.KeyToPath(
                        i.path(), i.string(KEY), i.string(PATH), i.integer(MODE)));
                i.finish();
              });
    }
    return items;
  }

  private static VolumeSource emptyDir(JsonCursor c) {
    VolumeSource out = new VolumeSource.EmptyDir(c.path(), c.string(MEDIUM), c.string(SIZE_LIMIT));
    c.finish();
    return out;
  }

  private static VolumeSource image(JsonCursor c) {
    VolumeSource out = new VolumeSource.Image(c.path(), c.string(REFERENCE), c.string(PULL_POLICY));
    c.finish();
    return out;
  }
}
