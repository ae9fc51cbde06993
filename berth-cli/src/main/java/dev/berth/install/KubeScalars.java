package dev.berth.install;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Plain scalars read the way Kubernetes and Helm read them (sigs.k8s.io/yaml on go-yaml v2, YAML
 * 1.1 rules), not as YAML 1.2 does: {@code yes}, {@code on} and {@code y} are booleans, {@code ~}
 * and the empty scalar are null, {@code 0644} is octal and {@code 0x1F} hex, timestamps stay
 * strings. Reading and writing with the same rules is what keeps a document's meaning: a string
 * that these rules would read as anything else is written quoted.
 */
final class KubeScalars implements ScalarResolver {

  static final KubeScalars INSTANCE = new KubeScalars();

  /** The rules as a snakeyaml-engine schema; values are converted by {@link #value}. */
  static final Schema SCHEMA =
      new Schema() {
        @Override
        public ScalarResolver getScalarResolver() {
          return INSTANCE;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
          return Map.of();
        }
      };

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOL =
      Pattern.compile(
          "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern INT =
      Pattern.compile("[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|0|[1-9][0-9_]*)");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern MERGE = Pattern.compile("<<");

  private KubeScalars() {}

  @Override
  public Tag resolve(String value, Boolean implicit) {
    if (!implicit) {
      return Tag.STR;
    }
    if (NULL.matcher(value).matches()) {
      return Tag.NULL;
    }
    if (BOOL.matcher(value).matches()) {
      return Tag.BOOL;
    }
    if (INT.matcher(value).matches()) {
      return Tag.INT;
    }
    if (FLOAT.matcher(value).matches()) {
      return Tag.FLOAT;
    }
    if (MERGE.matcher(value).matches()) {
      return Tag.MERGE;
    }
    return Tag.STR;
  }

  /**
   * The value of a scalar with a resolved (or explicit) tag; a tag the rules do not know, or a
   * value its tag cannot hold, reads as the string.
   */
  static JsonNode value(Tag tag, String text) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (tag.equals(Tag.NULL) && NULL.matcher(text).matches()) {
      return f.nullNode();
    }
    if (tag.equals(Tag.BOOL) && BOOL.matcher(text).matches()) {
      String lower = text.toLowerCase(Locale.ROOT);
      return f.booleanNode(
          lower.equals("y") || lower.equals("yes") || lower.equals("true") || lower.equals("on"));
    }
    if (tag.equals(Tag.INT)) {
      Optional<BigInteger> n = integer(text);
      if (n.isPresent()) {
        return n.get().bitLength() < 64 ? f.numberNode(n.get().longValue()) : f.numberNode(n.get());
      }
    }
    if (tag.equals(Tag.FLOAT) || tag.equals(Tag.INT)) {
      Optional<Double> d = decimal(text);
      if (d.isPresent()) {
        return f.numberNode(d.get());
      }
    }
    return f.stringNode(text);
  }

  /**
   * Go's base-prefixed integer syntax: {@code 0x}, {@code 0o}, {@code 0b}, a leading 0 is octal.
   */
  private static Optional<BigInteger> integer(String text) {
    String s = text.replace("_", "");
    boolean negative = s.startsWith("-");
    if (s.startsWith("-") || s.startsWith("+")) {
      s = s.substring(1);
    }
    int radix = 10;
    if (s.startsWith("0x")) {
      radix = 16;
      s = s.substring(2);
    } else if (s.startsWith("0o")) {
      radix = 8;
      s = s.substring(2);
    } else if (s.startsWith("0b")) {
      radix = 2;
      s = s.substring(2);
    } else if (s.length() > 1 && s.startsWith("0")) {
      radix = 8;
      s = s.substring(1);
    }
    try {
      BigInteger n = new BigInteger(s, radix);
      return Optional.of(negative ? n.negate() : n);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Double> decimal(String text) {
    String s = text.replace("_", "");
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return Optional.of(
          lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (lower.equals(".nan")) {
      return Optional.of(Double.NaN);
    }
    try {
      return Optional.of(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
