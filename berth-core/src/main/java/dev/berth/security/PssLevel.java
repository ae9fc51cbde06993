package dev.berth.security;

import java.util.Locale;

/** The Pod Security Standards profiles, from the most permissive to the most restrictive. */
public enum PssLevel {
  PRIVILEGED,
  BASELINE,
  RESTRICTED;

  /** The name as namespace labels spell it, e.g. {@code restricted}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The more permissive of two levels: what a pod reaches when its parts reach {@code a} and {@code
   * b}.
   */
  static PssLevel lower(PssLevel a, PssLevel b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
