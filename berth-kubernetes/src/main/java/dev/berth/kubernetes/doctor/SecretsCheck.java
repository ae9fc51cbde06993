package dev.berth.kubernetes.doctor;

import dev.berth.naming.ManagedNames;
import dev.berth.settings.DriverSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Check 9: the Secrets Berth mounts or copies exist in the sandbox namespace: the gateway client
 * TLS Secret and every image pull Secret. A missing one leaves pods in ContainerCreating or
 * ImagePullBackOff.
 */
final class SecretsCheck implements DoctorCheck {

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public String action() {
    return "get the configured Secrets";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    DriverSettings settings = context.settings();
    String ns = settings.cluster().sandboxNamespace();
    List<String> names = new ArrayList<>();
    settings.gateway().clientTlsSecretName().ifPresent(names::add);
    names.addAll(settings.images().imagePullSecrets());
    if (names.isEmpty()) {
      return CheckResult.ok(name(), "no client TLS or image pull Secret configured.");
    }
    List<String> missing =
        names.stream()
            .filter(n -> context.client().secrets().inNamespace(ns).withName(n).get() == null)
            .toList();
    if (missing.isEmpty()) {
      return CheckResult.ok(
          name(), "Secrets " + String.join(", ", names) + " exist in " + ns + ".");
    }
    List<String> fixes = new ArrayList<>();
    for (String m : missing) {
      boolean tls = settings.gateway().clientTlsSecretName().filter(m::equals).isPresent();
      fixes.add(
          tls
              ? "kubectl -n "
                  + ns
                  + " create secret generic "
                  + m
                  + " --from-file="
                  + ManagedNames.TLS_CERT_FILE_NAME
                  + " --from-file="
                  + ManagedNames.TLS_KEY_FILE_NAME
                  + " --from-file="
                  + ManagedNames.TLS_CA_FILE_NAME
              : "kubectl -n "
                  + ns
                  + " create secret docker-registry "
                  + m
                  + " --docker-server=<registry> --docker-username=<user> --docker-password=<token>");
    }
    return CheckResult.fail(
        name(),
        "Secret"
            + (missing.size() == 1 ? " " : "s ")
            + String.join(", ", missing)
            + " missing in "
            + ns
            + ".",
        "create " + (missing.size() == 1 ? "it" : "them") + ": " + String.join("; ", fixes) + ".");
  }
}
