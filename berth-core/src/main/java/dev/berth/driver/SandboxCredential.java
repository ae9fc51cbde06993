package dev.berth.driver;

import java.util.Objects;

/**
 * A sandbox's bootstrap credential (a projected service account token). It is a secret: only the
 * token review may read it, and its {@link #toString()} never shows it, so that it cannot reach a
 * log line or an error message by accident.
 */
public final class SandboxCredential {

  private final String token;

  private SandboxCredential(String token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  public static SandboxCredential of(String token) {
    return new SandboxCredential(token);
  }

  /** The token itself, for the TokenReview request and nothing else. */
  public String reveal() {
    return token;
  }

  public boolean isEmpty() {
    return token.isEmpty();
  }

  @Override
  public String toString() {
    return "SandboxCredential[redacted]";
  }
}
