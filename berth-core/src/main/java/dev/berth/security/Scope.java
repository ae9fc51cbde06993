package dev.berth.security;

/**
 * Something the report judges: the pod as a whole, or one of its containers.
 *
 * @param name the container's name, or {@link PodSecurityReport#POD}
 * @param kind what it is
 */
public record Scope(String name, Kind kind) {

  /** Where in the pod a scope lives. */
  public enum Kind {
    POD("pod"),
    INIT_CONTAINER("init"),
    CONTAINER("container"),
    EPHEMERAL_CONTAINER("ephemeral");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** A short word for tables. */
    public String label() {
      return label;
    }
  }
}
