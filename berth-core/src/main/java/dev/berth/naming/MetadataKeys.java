package dev.berth.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Label and annotation domains the driver and OpenShell own. A request may not set keys under them:
 * the gateway finds sandboxes, authenticates pods and counts runtime generations by these keys, and
 * a caller who could set them could pass one sandbox off as another.
 */
public final class MetadataKeys {

  /** Berth's own domain, for keys Berth adds beyond OpenShell's. */
  public static final String BERTH_DOMAIN = "berth.dev";

  /** Owned domains: every generation's label domain, OpenShell's annotation domain, Berth's. */
  public static final List<String> RESERVED_DOMAINS = reservedDomains();

  private MetadataKeys() {}

  private static List<String> reservedDomains() {
    List<String> domains = new ArrayList<>();
    for (Generation g : Generation.values()) {
      String domain = domain(g.labelPrefix());
      if (!domains.contains(domain)) {
        domains.add(domain);
      }
    }
    domains.add(domain(ManagedNames.POD_ANNOTATION_SANDBOX_ID));
    domains.add(BERTH_DOMAIN);
    return List.copyOf(domains);
  }

  private static String domain(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  /** The owned domain a key falls under (the domain itself or a subdomain of it), if any. */
  public static Optional<String> owner(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String prefix = key.substring(0, slash).toLowerCase(Locale.ROOT);
    return RESERVED_DOMAINS.stream()
        .filter(d -> prefix.equals(d) || prefix.endsWith("." + d))
        .findFirst();
  }
}
