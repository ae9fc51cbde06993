package dev.berth.settings;

import java.util.regex.Pattern;

/**
 * The container image reference grammar of the distribution project, which kubelet applies: an
 * image Kubernetes cannot parse fails at pull time with {@code InvalidImageName}, so the driver
 * refuses it at startup instead.
 */
final class ImageReference {

  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String NAME =
      "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE =
      Pattern.compile(NAME + "(?::" + TAG + ")?(?:@" + DIGEST + ")?");

  /** Longest repository name the grammar allows. */
  private static final int MAX_NAME = 255;

  private ImageReference() {}

  static boolean isValid(String reference) {
    if (!REFERENCE.matcher(reference).matches()) {
      return false;
    }
    int end = reference.indexOf('@');
    String name = end < 0 ? reference : reference.substring(0, end);
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      name = name.substring(0, colon);
    }
    return name.length() <= MAX_NAME;
  }
}
