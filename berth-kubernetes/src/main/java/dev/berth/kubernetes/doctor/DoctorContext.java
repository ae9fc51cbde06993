package dev.berth.kubernetes.doctor;

import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * What every check reads from: the client, the driver's settings, and what the first check learned
 * about the API server.
 *
 * @param client the client, with doctor's short timeouts
 * @param settings the driver settings as {@code berth serve} would run with them
 * @param version the server's version, when it reported a readable one
 * @param expectGpu whether GPU sandboxes are expected, so a cluster without GPU nodes is a problem
 */
public record DoctorContext(
    KubernetesClient client,
    DriverSettings settings,
    Optional<ServerVersion> version,
    boolean expectGpu) {}
