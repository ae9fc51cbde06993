package dev.berth.settings;

import java.util.Arrays;
import java.util.Optional;

/** Kubernetes image pull policy. */
public enum PullPolicy {
  ALWAYS("Always"),
  IF_NOT_PRESENT("IfNotPresent"),
  NEVER("Never");

  /** The accepted spellings, for error sentences. */
  public static final String CHOICES = "'Always', 'IfNotPresent' or 'Never'";

  private final String value;

  PullPolicy(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** Parses the exact Kubernetes spelling; anything else is empty. */
  public static Optional<PullPolicy> parse(String value) {
    return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
  }
}
