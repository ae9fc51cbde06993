package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.IsolationNames;
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
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The production {@link BootstrapMaterialSource}: fresh keys per generation (a session CA and the
 * EC P-256 server certificate it signs for the workload's boundary listener, an interception CA for
 * the supervisor), the boundary configuration and runtime descriptor as JSON bound to the observed
 * UIDs ({@link BoundaryDocuments}), and the gateway's supervisor bundle verbatim as the auth
 * bundle.
 *
 * <p>As upstream's sandbox TLS material, the listener's certificate names {@code sandbox.<session
 * id>.<project>.internal} and the supervisor pins the CA that signed it, whose key is dropped once
 * the certificate is made: only this generation's listener can present a certificate the supervisor
 * accepts.
 */
final class GeneratedBootstrapMaterial implements BootstrapMaterialSource {

  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final String CURVE = "secp256r1";

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
    Optional<String> minted = facts.launch().runtimeGeneration();
    if (minted.isPresent() && !minted.get().equals(facts.runtimeGeneration())) {
      // The supervisor's bundle and both documents must name one generation, or it attaches none.
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "the launch_authentication for sandbox "
              + facts.sandboxId()
              + " was minted for runtime generation "
              + minted.get()
              + ", not "
              + facts.runtimeGeneration()
              + "; send the one the gateway minted for the generation being started");
    }
    BoundaryDocuments.Session session = BoundaryDocuments.Session.of(facts.launch());
    String serverName = names.boundaryServerName(session.id());
    String pair = IsolationNames.pairValue(facts.sandboxId());
    try {
      KeyPair sessionCaKey = keyPair();
      X500Name sessionCa = name("session-ca." + pair);
      byte[] sessionCaCertificate =
          certificate(sessionCa, sessionCaKey, sessionCa, sessionCaKey, Optional.empty());
      KeyPair boundaryKey = keyPair();
      byte[] boundaryCertificate =
          certificate(
              name(serverName), boundaryKey, sessionCa, sessionCaKey, Optional.of(serverName));
      KeyPair proxyCaKey = keyPair();
      X500Name proxyCa = name("proxy-ca." + pair);
      byte[] proxyCaCertificate =
          certificate(proxyCa, proxyCaKey, proxyCa, proxyCaKey, Optional.empty());

      return new BootstrapMaterial(
          BoundaryDocuments.boundaryConfig(facts, session),
          boundaryCertificate,
          privateKey(boundaryKey),
          BoundaryDocuments.runtimeDescriptor(
              facts,
              session,
              serverName,
              new String(sessionCaCertificate, StandardCharsets.US_ASCII)),
          facts.launch().supervisorBundle(),
          proxyCaCertificate,
          privateKey(proxyCaKey),
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

  private static X500Name name(String commonName) {
    return new X500Name("CN=" + commonName);
  }

  /**
   * A certificate for {@code key} issued by {@code issuerKey}: a CA when it is self-issued, else a
   * TLS server certificate for {@code serverName}.
   */
  private byte[] certificate(
      X500Name subject,
      KeyPair key,
      X500Name issuer,
      KeyPair issuerKey,
      Optional<String> serverName)
      throws IOException, OperatorCreationException {
    Instant now = clock.instant();
    boolean authority = serverName.isEmpty();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(63, random).add(BigInteger.ONE),
            Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(VALIDITY)),
            subject,
            key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (authority) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, serverName.get())));
    }
    byte[] der =
        builder
            .build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKey.getPrivate()))
            .getEncoded();
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
}
