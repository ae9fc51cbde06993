package dev.berth.driver;

import java.util.Map;

/**
 * What a metadata-only read of one PersistentVolumeClaim found, for resource admission. The backend
 * answers one of these per claim instead of failing the whole check, so that admission can name
 * every claim that is missing or unlabelled at once.
 */
public sealed interface ClaimMetadata {

  /** The claim's name. */
  String name();

  /**
   * The claim exists.
   *
   * @param labels its labels
   * @param deleting true when it has a deletion timestamp
   */
  record Found(String name, Map<String, String> labels, boolean deleting) implements ClaimMetadata {
    public Found {
      labels = Map.copyOf(labels);
    }
  }

  /** The API server answered 404. */
  record Missing(String name) implements ClaimMetadata {}

  /** The API server answered 403: the driver may not read claim metadata in that namespace. */
  record Forbidden(String name) implements ClaimMetadata {}
}
