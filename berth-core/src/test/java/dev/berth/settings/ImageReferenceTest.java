package dev.berth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "busybox",
        "library/busybox:1.36",
        "ghcr.io/nvidia/openshell/supervisor:0.1.2",
        "localhost:5000/team/image",
        "Registry.Example.com/team/image:Tag_1",
        "ghcr.io/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "ghcr.io/a/b:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void acceptsReferencesKubeletCanPull(String ref) {
    assertThat(ImageReference.isValid(ref)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ghcr.io/NVIDIA/image",
        "image:",
        "image:tag with space",
        "-image",
        "image@sha256:short",
        "ghcr.io//image",
        "image:.tag"
      })
  void refusesReferencesKubeletWouldRefuse(String ref) {
    assertThat(ImageReference.isValid(ref)).isFalse();
  }
}
