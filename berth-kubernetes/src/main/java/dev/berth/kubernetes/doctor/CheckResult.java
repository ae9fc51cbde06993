package dev.berth.kubernetes.doctor;

import java.util.Objects;
import java.util.Optional;

/**
 * What one check found: its verdict, a sentence about the cluster, and for a warning or a failure
 * one sentence saying how to fix it, with the objects to apply where applying them is the fix.
 *
 * @param status the verdict
 * @param check the check's name, such as {@code permissions}
 * @param found what the check saw, one sentence
 * @param fix how to fix it; empty when nothing needs fixing
 * @param manifest YAML to apply as part of the fix, rendered from model objects; empty when none
 * @param checked false when the check could not read what it needed, so it says nothing about the
 *     cluster, only about the credentials it ran with
 */
public record CheckResult(
    Status status,
    String check,
    String found,
    Optional<String> fix,
    Optional<String> manifest,
    boolean checked) {

  /** A check's verdict, in rising severity. */
  public enum Status {
    OK("✔", "ok"),
    WARN("⚠", "warn"),
    FAIL("✘", "fail");

    private final String symbol;
    private final String value;

    Status(String symbol, String value) {
      this.symbol = symbol;
      this.value = value;
    }

    /** The mark a person reads. */
    public String symbol() {
      return symbol;
    }

    /** The spelling in JSON output. */
    public String value() {
      return value;
    }
  }

  public CheckResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(manifest, "manifest");
  }

  public static CheckResult ok(String check, String found) {
    return new CheckResult(Status.OK, check, found, Optional.empty(), Optional.empty(), true);
  }

  public static CheckResult warn(String check, String found, String fix) {
    return new CheckResult(Status.WARN, check, found, Optional.of(fix), Optional.empty(), true);
  }

  /** A warning that the check could not read what it needed. */
  public static CheckResult notChecked(String check, String found, String fix) {
    return new CheckResult(Status.WARN, check, found, Optional.of(fix), Optional.empty(), false);
  }

  public static CheckResult fail(String check, String found, String fix) {
    return new CheckResult(Status.FAIL, check, found, Optional.of(fix), Optional.empty(), true);
  }

  /** The same result with YAML to apply. */
  public CheckResult withManifest(String yaml) {
    return new CheckResult(status, check, found, fix, Optional.of(yaml), checked);
  }

  /** One line: the mark, the check, what was found and the fix. */
  public String line() {
    return status.symbol() + " " + check + ": " + found + fix.map(f -> " Fix: " + f).orElse("");
  }
}
