package dev.berth.naming;

import java.util.regex.Pattern;

/** Kubernetes name rules (apimachinery {@code IsDNS1123Label} / {@code IsDNS1123Subdomain}). */
public final class Dns1123 {

  /** Longest DNS-1123 label, and so the longest namespace or resource name of that kind. */
  public static final int MAX_LABEL = 63;

  /** Longest DNS-1123 subdomain. */
  public static final int MAX_SUBDOMAIN = 253;

  /** The rule for a label, in words, ready to follow "must be a DNS-1123 label: ". */
  public static final String LABEL_RULE =
      "use at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

  /** The rule for a subdomain, in words. */
  public static final String SUBDOMAIN_RULE =
      "use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated"
          + " part starting and ending with a letter or digit";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Dns1123() {}

  public static boolean isLabel(String value) {
    return value.length() <= MAX_LABEL && LABEL.matcher(value).matches();
  }

  public static boolean isSubdomain(String value) {
    return value.length() <= MAX_SUBDOMAIN && SUBDOMAIN.matcher(value).matches();
  }
}
