package dev.berth.driver;

import java.util.Optional;

/**
 * Which runtime of which sandbox a credential belongs to, in the form Berth returns from
 * CreateSandbox, StartSandbox and AuthenticateSandbox: {@code
 * kubernetes://{namespace}/{sandbox-uid}/{runtime-generation}}. The gateway treats the text as
 * opaque and compares it byte for byte; docs/runtime-identity.md explains the parts.
 *
 * @param namespace namespace of the Sandbox resource
 * @param sandboxUid UID of the Sandbox resource: stable for the sandbox's whole life, and never
 *     reused by a later sandbox of the same name
 * @param runtimeGeneration the runtime generation; changes on every Start that starts a stopped
 *     sandbox
 */
public record RuntimeIdentity(String namespace, String sandboxUid, String runtimeGeneration) {

  /** What every identity starts with; upstream's Kubernetes driver uses the same scheme. */
  public static final String SCHEME = "kubernetes://";

  /** The text form. */
  public String value() {
    return SCHEME + namespace + "/" + sandboxUid + "/" + runtimeGeneration;
  }

  /**
   * The identity {@code text} spells, if it has the scheme and exactly three non-empty parts.
   * Namespaces, UIDs and generation ids never contain '/', so the split is unambiguous.
   */
  public static Optional<RuntimeIdentity> parse(String text) {
    if (!text.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String[] parts = text.substring(SCHEME.length()).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RuntimeIdentity(parts[0], parts[1], parts[2]));
  }

  /** True when both name the same Sandbox resource, whatever their runtime generations. */
  public boolean sameSandbox(RuntimeIdentity other) {
    return namespace.equals(other.namespace) && sandboxUid.equals(other.sandboxUid);
  }

  @Override
  public String toString() {
    return value();
  }
}
