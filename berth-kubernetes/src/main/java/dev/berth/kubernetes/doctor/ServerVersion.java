package dev.berth.kubernetes.doctor;

import io.fabric8.kubernetes.client.VersionInfo;
import java.util.Optional;

/**
 * The API server's Kubernetes version as {@code /version} reports it. Managed clusters append to
 * the minor version ({@code "30+"}), so only its leading digits count.
 *
 * @param major the major version
 * @param minor the minor version
 * @param gitVersion the full version, such as {@code v1.35.1-gke.100}
 */
public record ServerVersion(int major, int minor, String gitVersion) {

  /** The version, or empty when the server reports one this cannot read. */
  public static Optional<ServerVersion> of(VersionInfo info) {
    Optional<Integer> major = leadingNumber(info.getMajor());
    Optional<Integer> minor = leadingNumber(info.getMinor());
    if (major.isEmpty() || minor.isEmpty()) {
      return Optional.empty();
    }
    String git = info.getGitVersion() == null ? "" : info.getGitVersion();
    return Optional.of(new ServerVersion(major.get(), minor.get(), git));
  }

  /** True when this is {@code major.minor} or later. */
  public boolean atLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
  }

  /** {@code 1.35}. */
  public String shortText() {
    return major + "." + minor;
  }

  private static Optional<Integer> leadingNumber(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int end = 0;
    while (end < text.length() && end < 6 && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return end == 0 ? Optional.empty() : Optional.of(Integer.parseInt(text.substring(0, end)));
  }
}
