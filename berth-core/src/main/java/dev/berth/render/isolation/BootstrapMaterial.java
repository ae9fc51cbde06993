package dev.berth.render.isolation;

import dev.berth.plan.LaunchAuthentication;
import java.util.Arrays;
import java.util.Optional;

/**
 * The contents of one runtime generation's two bootstrap Secrets. They depend on what only the
 * create can know (the UIDs Kubernetes assigned to the Sandbox, both pods and the workload fence,
 * the boundary Service's address, freshly generated TLS and proxy-CA keys), so the lifecycle
 * gathers them and {@link BootstrapSecrets#render} turns them into the Secrets.
 *
 * <p>The sandbox side holds only what the workload may see: its boundary configuration (gateway id,
 * public verification keys, resource claims) and its TLS server key. The supervisor side holds the
 * gateway's supervisor bundle with the bearer tokens, verbatim from {@link
 * LaunchAuthentication#supervisorBundle()}.
 *
 * @param boundaryConfig {@code boundary.json} for the sandbox runtime
 * @param boundaryCertificate the workload listener's certificate chain (PEM)
 * @param boundaryPrivateKey its private key (PEM)
 * @param backendDescriptor {@code runtime-descriptor.json} for the supervisor
 * @param authBundle {@code auth.json}: the supervisor bundle of the launch authentication
 * @param proxyCaCertificate the supervisor's TLS-interception CA certificate (PEM)
 * @param proxyCaPrivateKey its private key (PEM)
 * @param upstreamProxyCaBundle the operator's corporate proxy CA bundle, when configured
 * @param clientCa the gateway CA staged for the supervisor (G3 managed mode)
 */
public record BootstrapMaterial(
    byte[] boundaryConfig,
    byte[] boundaryCertificate,
    byte[] boundaryPrivateKey,
    byte[] backendDescriptor,
    byte[] authBundle,
    byte[] proxyCaCertificate,
    byte[] proxyCaPrivateKey,
    Optional<byte[]> upstreamProxyCaBundle,
    Optional<byte[]> clientCa) {

  public BootstrapMaterial {
    boundaryConfig = boundaryConfig.clone();
    boundaryCertificate = boundaryCertificate.clone();
    boundaryPrivateKey = boundaryPrivateKey.clone();
    backendDescriptor = backendDescriptor.clone();
    authBundle = authBundle.clone();
    proxyCaCertificate = proxyCaCertificate.clone();
    proxyCaPrivateKey = proxyCaPrivateKey.clone();
    upstreamProxyCaBundle = upstreamProxyCaBundle.map(byte[]::clone);
    clientCa = clientCa.map(byte[]::clone);
  }

  /** Never prints key material or tokens. */
  @Override
  public String toString() {
    return "BootstrapMaterial[<redacted>]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootstrapMaterial m
        && Arrays.equals(boundaryConfig, m.boundaryConfig)
        && Arrays.equals(boundaryCertificate, m.boundaryCertificate)
        && Arrays.equals(boundaryPrivateKey, m.boundaryPrivateKey)
        && Arrays.equals(backendDescriptor, m.backendDescriptor)
        && Arrays.equals(authBundle, m.authBundle)
        && Arrays.equals(proxyCaCertificate, m.proxyCaCertificate)
        && Arrays.equals(proxyCaPrivateKey, m.proxyCaPrivateKey)
        && upstreamProxyCaBundle.isPresent() == m.upstreamProxyCaBundle.isPresent()
        && clientCa.isPresent() == m.clientCa.isPresent();
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(authBundle) * 31 + Arrays.hashCode(boundaryConfig);
  }
}
