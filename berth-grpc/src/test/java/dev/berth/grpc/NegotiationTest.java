package dev.berth.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.grpc.proto.PeerMetadata;
import dev.berth.grpc.proto.ProtocolVersion;
import dev.berth.naming.Generation;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway's metadata as a G2 gateway sends it, one mutation at a time, each exact sentence. */
class NegotiationTest {

  /** What a G2 gateway sends (openshell/gateway, protocol 1.0). */
  static PeerMetadata g2Gateway() {
    return PeerMetadata.newBuilder()
        .setProtocolVersion(ProtocolVersion.newBuilder().setMajor(1).setMinor(0))
        .setImplementationName("openshell/gateway")
        .setImplementationVersion("0.1.2")
        .addSupportedCapabilities("openshell.compute.contract")
        .addSupportedCapabilities("openshell.compute.launch-authentication")
        .addRequiredCapabilities("openshell.compute.contract")
        .build();
  }

  @Test
  void theGatewaysOwnMetadataIsAcceptedAndAnyMinorVersionToo() {
    assertThat(Negotiation.problems(g2Gateway(), Generation.G2)).isEmpty();
    PeerMetadata newerMinor =
        g2Gateway().toBuilder()
            .setProtocolVersion(ProtocolVersion.newBuilder().setMajor(1).setMinor(7))
            .build();
    assertThat(Negotiation.problems(newerMinor, Generation.G2)).isEmpty();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        bad(
            m -> m.clearProtocolVersion(),
            "it names no protocol_version; gateways of this contract send major version 1"),
        bad(
            m -> m.setProtocolVersion(ProtocolVersion.newBuilder().setMajor(2)),
            "it speaks protocol major version 2, but Berth speaks 1; use a gateway and a driver of"
                + " the same major version"),
        bad(m -> m.setImplementationName("  "), "implementation_name is empty"),
        bad(
            m -> m.setImplementationVersion("v".repeat(129)),
            "implementation_version is longer than 128 bytes"),
        bad(
            m -> m.setImplementationName("gateway\u0007"),
            "implementation_name contains control characters"),
        bad(
            m -> m.addSupportedCapabilities("ryno.compute.contract"),
            "supported_capabilities entry 'ryno.compute.contract' does not start with"
                + " 'openshell.', the namespace of this contract generation"),
        bad(
            m -> m.addSupportedCapabilities("openshell.compute"),
            "supported_capabilities entry 'openshell.compute' has fewer than three dot-separated"
                + " parts"),
        bad(
            m -> m.addSupportedCapabilities("openshell.Compute.x"),
            "supported_capabilities entry 'openshell.Compute.x' has a part that is empty or not"
                + " only lowercase letters, digits and '-'"),
        bad(
            m -> m.addSupportedCapabilities("openshell..x"),
            "supported_capabilities entry 'openshell..x' has a part that is empty or not only"
                + " lowercase letters, digits and '-'"),
        bad(m -> m.addSupportedCapabilities(""), "supported_capabilities entry '' is empty"),
        bad(
            m -> m.addRequiredCapabilities("openshell.compute.contract"),
            "required_capabilities lists 'openshell.compute.contract' twice"),
        bad(
            m -> m.addAllSupportedCapabilities(Collections.nCopies(128, "openshell.a.b")),
            "supported_capabilities has 130 entries; at most 128 are allowed"),
        bad(
            m -> m.addRequiredCapabilities("openshell.compute.launch-authentication"),
            "it requires 'openshell.compute.launch-authentication', which Berth does not support"
                + " (Berth supports 'openshell.compute.contract')"),
        bad(
            m -> m.clearSupportedCapabilities(),
            "it does not support 'openshell.compute.contract', which Berth requires of a g2"
                + " gateway"));
  }

  private static Arguments bad(UnaryOperator<PeerMetadata.Builder> mutation, String sentence) {
    return arguments(mutation.apply(g2Gateway().toBuilder()).build(), sentence);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void eachProblemIsOneSentence(PeerMetadata gateway, String sentence) {
    assertThat(Negotiation.problems(gateway, Generation.G2)).containsExactly(sentence);
  }

  @Test
  void everyProblemIsReportedAndTheRefusalJoinsThem() {
    PeerMetadata bad =
        g2Gateway().toBuilder()
            .setProtocolVersion(ProtocolVersion.newBuilder().setMajor(0))
            .setImplementationName("")
            .build();
    List<String> problems = Negotiation.problems(bad, Generation.G2);
    assertThat(problems).hasSize(2);
    assertThat(Negotiation.refusal(problems))
        .isEqualTo(
            "the gateway's capability metadata is not acceptable: it speaks protocol major"
                + " version 0, but Berth speaks 1; use a gateway and a driver of the same major"
                + " version; implementation_name is empty.");
  }

  @Test
  void aG3GatewayMustUseRynoNames() {
    assertThat(Negotiation.problems(g2Gateway(), Generation.G3))
        .contains(
            "supported_capabilities entry 'openshell.compute.contract' does not start with"
                + " 'ryno.', the namespace of this contract generation");
  }

  @Test
  void berthAnnouncesItselfInTheCallersNamespaceOnly() {
    PeerMetadata berth = Negotiation.driver(Generation.G3, "1.2.3");
    assertThat(berth.getProtocolVersion().getMajor()).isEqualTo(1);
    assertThat(berth.getImplementationName()).isEqualTo("berth/kubernetes");
    assertThat(berth.getImplementationVersion()).isEqualTo("1.2.3");
    assertThat(berth.getSupportedCapabilitiesList()).containsExactly("ryno.compute.contract");
    assertThat(berth.getRequiredCapabilitiesList()).containsExactly("ryno.compute.contract");
    // Berth's own metadata passes the rules it holds the gateway to, in both namespaces.
    for (Generation g : List.of(Generation.G2, Generation.G3)) {
      PeerMetadata own = Negotiation.driver(g, "1.2.3");
      assertThat(Negotiation.problems(own, g)).isEmpty();
    }
  }

  @Test
  void aVersionTheGatewayWouldRefuseIsMadeAcceptable() {
    assertThat(Negotiation.version("")).isEqualTo("unknown");
    assertThat(Negotiation.version(" 1.0\n")).isEqualTo("1.0");
    assertThat(Negotiation.version("é".repeat(100)).getBytes(StandardCharsets.UTF_8)).hasSize(128);
  }
}
