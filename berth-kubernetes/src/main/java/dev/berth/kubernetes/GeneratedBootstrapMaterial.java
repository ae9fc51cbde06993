package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.isolation.BootstrapMaterial;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production {@link BootstrapMaterialSource}: fresh keys per generation (an EC P-256 server
 * certificate for the workload's boundary listener, an interception CA for the supervisor), the
 * boundary configuration and runtime descriptor as JSON bound to the observed UIDs, and the
 * gateway's supervisor bundle verbatim as the auth bundle.
 *
 * <p>The two JSON documents use the field names of upstream's {@code BoundaryConfig} and {@code
 * SandboxRuntimeDescriptor} (ryno-driver-kubernetes {@code isolation.rs} at 0b37da61); how serde
 * spells their enum variants (the listener and the transport) is not in the stored sources, so
 * those two objects follow serde's default external tagging. That is the fact to confirm against a
 * running supervisor.
 */
final class GeneratedBootstrapMaterial implements BootstrapMaterialSource {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final String CURVE = "secp256r1";
  private static final String ANY_ADDRESS = "0.0.0.0:";

  /** Claim names the boundary and the descriptor bind, as upstream spells them. */
  static final String CLAIM_SANDBOX_UID = "kubernetes.sandbox_resource_uid";

  static final String CLAIM_WORKLOAD_UID = "kubernetes.workload_pod_uid";
  static final String CLAIM_SUPERVISOR_UID = "kubernetes.supervisor_pod_uid";
  static final String CLAIM_POLICY_UID = "kubernetes.egress_policy_uid";
  static final String CLAIM_POLICY_VERSION = "kubernetes.egress_policy_resource_version";

  /** The gateway CA a generation's supervisor is given, when it is staged (G3, managed mode). */
  @FunctionalInterface
  interface ClientCa {
    ClientCa NONE = names -> Optional.empty();

    Optional<byte[]> read(IsolationNames names) throws DriverException;
  }

  private final Optional<Path> proxyCaBundle;
  private final ClientCa clientCa;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  GeneratedBootstrapMaterial(Optional<String> proxyCaBundle, ClientCa clientCa, Clock clock) {
    this.proxyCaBundle = proxyCaBundle.map(Path::of);
    this.clientCa = clientCa;
    this.clock = clock;
  }

  @Override
  public BootstrapMaterial material(BootstrapFacts facts) throws DriverException {
    IsolationNames names = facts.names();
    String serverName = "boundary." + IsolationNames.pairValue(facts.sandboxId()) + ".sandbox";
    try {
      KeyPair boundaryKey = keyPair();
      byte[] boundaryCertificate = certificate(serverName, boundaryKey, false);
      KeyPair caKey = keyPair();
      byte[] caCertificate =
          certificate("proxy-ca." + IsolationNames.pairValue(facts.sandboxId()), caKey, true);

      Map<String, Object> claims = new TreeMap<>();
      claims.put(CLAIM_SANDBOX_UID, facts.sandboxUid());
      claims.put(CLAIM_WORKLOAD_UID, facts.workloadPodUid());
      claims.put(CLAIM_SUPERVISOR_UID, facts.supervisorPodUid());
      claims.put(CLAIM_POLICY_UID, facts.fenceUid());
      claims.put(CLAIM_POLICY_VERSION, facts.fenceResourceVersion());
      Session session = Session.of(facts.launch());

      Map<String, Object> boundary = new LinkedHashMap<>();
      boundary.put("boundary_id", facts.sandboxId());
      boundary.put("generation", facts.runtimeGeneration());
      session.into(boundary);
      boundary.put("gateway_id", facts.launch().gatewayId());
      boundary.put(
          "verification_keys",
          facts.launch().verificationKeys().stream()
              .map(k -> Map.of("key_id", k.keyId(), "public_key_pem", k.publicKeyPem()))
              .toList());
      boundary.put(
          "listener",
          Map.of(
              "tls_tcp",
              Map.of(
                  "address",
                  ANY_ADDRESS + facts.boundaryPort(),
                  "tls",
                  Map.of(
                      "certificate_chain_path",
                      names.stateDir() + "/bootstrap/" + IsolationNames.KEY_BOUNDARY_CERTIFICATE,
                      "private_key_path",
                      names.stateDir()
                          + "/bootstrap/"
                          + IsolationNames.KEY_BOUNDARY_PRIVATE_KEY))));
      boundary.put("resource_claims", claims);
      boundary.put(
          "resource_claim_files", Map.of(CLAIM_WORKLOAD_UID, names.podIdentityDir() + "/uid"));

      Map<String, Object> descriptor = new LinkedHashMap<>();
      descriptor.put("boundary_id", facts.sandboxId());
      descriptor.put("generation", facts.runtimeGeneration());
      descriptor.put("session_id", session.id());
      descriptor.put(
          "transport",
          Map.of(
              "tcp",
              Map.of(
                  "authority",
                  facts.boundaryAuthority(),
                  "addresses",
                  List.of(facts.boundaryAddress()))));
      descriptor.put(
          "tls",
          Map.of(
              "server_name",
              serverName,
              "trust_anchor_pem",
              new String(boundaryCertificate, StandardCharsets.US_ASCII)));
      descriptor.put("resource_claims", claims);

      return new BootstrapMaterial(
          JSON.writeValueAsBytes(boundary),
          boundaryCertificate,
          privateKey(boundaryKey),
          JSON.writeValueAsBytes(descriptor),
          facts.launch().supervisorBundle(),
          caCertificate,
          privateKey(caKey),
          readBundle(),
          clientCa.read(names));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "could not make the bootstrap keys of sandbox " + facts.sandboxId(),
          e);
    }
  }

  private Optional<byte[]> readBundle() throws IOException {
    if (proxyCaBundle.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(proxyCaBundle.get()));
  }

  private KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(CURVE), random);
    return generator.generateKeyPair();
  }

  private byte[] certificate(String commonName, KeyPair key, boolean authority)
      throws IOException, OperatorCreationException {
    Instant now = clock.instant();
    X500Name subject = new X500Name("CN=" + commonName);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(63, random).add(BigInteger.ONE),
            Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(VALIDITY)),
            subject,
            key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (!authority) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, commonName)));
    }
    byte[] der =
        builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key.getPrivate())).getEncoded();
    return pem("CERTIFICATE", der);
  }

  private static byte[] privateKey(KeyPair key) {
    return pem("PRIVATE KEY", key.getPrivate().getEncoded());
  }

  private static byte[] pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The session fields of the supervisor bundle the boundary must agree on. */
  private record Session(JsonNode id, JsonNode rotation, JsonNode epoch) {

    static Session of(LaunchAuthentication launch) {
      JsonNode bundle = JSON.readTree(launch.supervisorBundle());
      return new Session(
          bundle.path("session_id"), bundle.path("session_rotation"), bundle.path("auth_epoch"));
    }

    void into(Map<String, Object> boundary) {
      boundary.put("session_id", id);
      boundary.put("session_rotation", rotation);
      boundary.put("auth_epoch", epoch);
    }
  }
}
