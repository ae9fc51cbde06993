package dev.berth.grpc;

import dev.berth.config.Quote;
import dev.berth.grpc.proto.PeerMetadata;
import dev.berth.grpc.proto.ProtocolVersion;
import dev.berth.naming.Generation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The capability handshake of G2 and later gateways. Berth announces itself in the caller's
 * namespace only (a G2 gateway refuses any {@code ryno.} name and a G3 gateway any {@code
 * openshell.} name), and checks the gateway's metadata by the rules the gateway applies to the
 * driver's: protocol major 1 (any minor), non-blank names and versions of at most 128 bytes without
 * control characters, at most 128 capabilities per list, each a lowercase dotted name in the
 * generation's namespace, no duplicates, and each side's required capabilities supported by the
 * other. Every problem is reported, not only the first.
 */
final class Negotiation {

  private Negotiation() {}

  static final int PROTOCOL_MAJOR = 1;
  static final int PROTOCOL_MINOR = 0;

  /** How Berth names itself to the gateway. */
  static final String IMPLEMENTATION_NAME = "berth/kubernetes";

  static final int MAX_BYTES = 128;
  static final int MAX_CAPABILITIES = 128;
  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9-]+");

  /** Berth's metadata for a gateway of {@code generation}. */
  static PeerMetadata driver(Generation generation, String version) {
    String contract = generation.contractCapability();
    return PeerMetadata.newBuilder()
        .setProtocolVersion(
            ProtocolVersion.newBuilder().setMajor(PROTOCOL_MAJOR).setMinor(PROTOCOL_MINOR))
        .setImplementationName(IMPLEMENTATION_NAME)
        .setImplementationVersion(version(version))
        .addSupportedCapabilities(contract)
        .addRequiredCapabilities(contract)
        .build();
  }

  /**
   * A version the gateway accepts: the build's, else "unknown", cut to {@link #MAX_BYTES} bytes at
   * a character boundary.
   */
  static String version(String version) {
    String v = version.strip().replaceAll("\\p{Cntrl}", "");
    if (v.isEmpty()) {
      return "unknown";
    }
    while (v.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      v = v.substring(0, v.offsetByCodePoints(v.length(), -1));
    }
    return v;
  }

  /**
   * Every problem with the metadata a gateway of {@code generation} sent, as sentences; empty when
   * Berth and the gateway can work together.
   */
  static List<String> problems(PeerMetadata gateway, Generation generation) {
    List<String> problems = new ArrayList<>();
    if (!gateway.hasProtocolVersion()) {
      problems.add(
          "it names no protocol_version; gateways of this contract send major version "
              + PROTOCOL_MAJOR);
    } else if (gateway.getProtocolVersion().getMajor() != PROTOCOL_MAJOR) {
      problems.add(
          "it speaks protocol major version "
              + Integer.toUnsignedString(gateway.getProtocolVersion().getMajor())
              + ", but Berth speaks "
              + PROTOCOL_MAJOR
              + "; use a gateway and a driver of the same major version");
    }
    text("implementation_name", gateway.getImplementationName(), problems);
    text("implementation_version", gateway.getImplementationVersion(), problems);
    String prefix = generation.capabilityPrefix();
    capabilities(
        "supported_capabilities", gateway.getSupportedCapabilitiesList(), prefix, problems);
    capabilities("required_capabilities", gateway.getRequiredCapabilitiesList(), prefix, problems);
    PeerMetadata berth = driver(generation, "");
    Set<String> lacking = new LinkedHashSet<>(gateway.getRequiredCapabilitiesList());
    lacking.removeAll(berth.getSupportedCapabilitiesList());
    if (!lacking.isEmpty()) {
      problems.add(
          "it requires "
              + quoted(lacking)
              + ", which Berth does not support (Berth supports "
              + quoted(berth.getSupportedCapabilitiesList())
              + ")");
    }
    Set<String> unsupported = new LinkedHashSet<>(berth.getRequiredCapabilitiesList());
    unsupported.removeAll(gateway.getSupportedCapabilitiesList());
    if (!unsupported.isEmpty()) {
      problems.add(
          "it does not support "
              + quoted(unsupported)
              + ", which Berth requires of a "
              + generation.value()
              + " gateway");
    }
    return problems;
  }

  /** The FAILED_PRECONDITION sentence for {@code problems}. */
  static String refusal(List<String> problems) {
    return "the gateway's capability metadata is not acceptable: "
        + String.join("; ", problems)
        + ".";
  }

  private static void text(String field, String value, List<String> problems) {
    if (value.strip().isEmpty()) {
      problems.add(field + " is empty");
    } else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      problems.add(field + " is longer than " + MAX_BYTES + " bytes");
    } else if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
      problems.add(field + " contains control characters");
    }
  }

  private static void capabilities(
      String field, List<String> names, String prefix, List<String> problems) {
    if (names.size() > MAX_CAPABILITIES) {
      problems.add(
          field
              + " has "
              + names.size()
              + " entries; at most "
              + MAX_CAPABILITIES
              + " are allowed");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      String reason = capabilityProblem(name, prefix);
      if (!reason.isEmpty()) {
        problems.add(field + " entry " + Quote.of(name) + " " + reason);
      } else if (!seen.add(name)) {
        problems.add(field + " lists " + Quote.of(name) + " twice");
      }
    }
  }

  /** Why {@code name} is not a capability name of the namespace, or "" when it is. */
  static String capabilityProblem(String name, String prefix) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "is longer than " + MAX_BYTES + " bytes";
    }
    if (!name.startsWith(prefix)) {
      return "does not start with '" + prefix + "', the namespace of this contract generation";
    }
    String[] segments = name.split("\\.", -1);
    if (segments.length < 3) {
      return "has fewer than three dot-separated parts";
    }
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        return "has a part that is empty or not only lowercase letters, digits and '-'";
      }
    }
    return "";
  }

  private static String quoted(Iterable<String> names) {
    List<String> q = new ArrayList<>();
    names.forEach(n -> q.add(Quote.of(n)));
    return String.join(", ", q);
  }
}
