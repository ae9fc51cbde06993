package dev.berth.validate;

import dev.berth.config.Quote;
import dev.berth.naming.EnvNames;
import dev.berth.naming.Generation;
import dev.berth.result.Violation;
import java.util.List;
import java.util.regex.Pattern;

/** Checks shared by several rules for plain text values. */
final class Texts {

  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  private Texts() {}

  static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  static boolean hasWhitespaceOrControl(String s) {
    return s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }

  /**
   * Image references: non-empty, one token. The registry resolves the rest; a malformed reference
   * surfaces as an ErrImagePull event, which watch forwards.
   */
  static void image(String field, String image, String fix, List<Violation> sink) {
    if (image.isEmpty()) {
      sink.add(new Violation(field, "is required; " + fix));
    } else if (hasWhitespaceOrControl(image) || image.length() > 4096) {
      sink.add(
          new Violation(
              field,
              Quote.of(image)
                  + " is not an image reference; write one token such as"
                  + " 'ghcr.io/org/agent:1.2' without spaces."));
    }
  }

  /** Environment variable names as every supported Kubernetes version accepts them. */
  static void envName(String field, String name, List<Violation> sink) {
    if (!ENV_NAME.matcher(name).matches()) {
      sink.add(
          new Violation(
              field,
              "environment variable name "
                  + Quote.of(name)
                  + " is not valid; use letters, digits, '_', '-' or '.', not starting with a"
                  + " digit."));
    }
  }

  /**
   * Names the supervisor's contract owns, spelled as the caller's {@code generation} and its
   * predecessors spell them ({@link Generation#reservedEnvPrefixes()}). The gateway refuses them
   * too; the driver would overwrite most of them anyway, and a silent overwrite hides the user's
   * mistake. {@link EnvNames#LOG_LEVEL} is the one exception, accepted since G1; a G3 gateway
   * allows no {@code RYNO_} name at all, so the log level goes through {@code spec.log_level}.
   */
  static void notReserved(String field, String name, Generation generation, List<Violation> sink) {
    if (name.equals(EnvNames.LOG_LEVEL)) {
      return;
    }
    generation.reservedEnvPrefixes().stream()
        .filter(name::startsWith)
        .findFirst()
        .ifPresent(
            prefix ->
                sink.add(
                    new Violation(
                        field,
                        "environment variable name "
                            + Quote.of(name)
                            + " is reserved: "
                            + prefix
                            + "* variables carry the supervisor's contract and are set by the"
                            + " driver; rename it (use spec.log_level for the log level).")));
  }

  static void noNul(String field, String value, String what, List<Violation> sink) {
    if (value.indexOf('\0') >= 0) {
      sink.add(new Violation(field, what + " must not contain NUL characters; remove them."));
    }
  }
}
