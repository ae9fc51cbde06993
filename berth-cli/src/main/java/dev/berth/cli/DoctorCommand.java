package dev.berth.cli;

import dev.berth.driver.DriverException;
import dev.berth.kubernetes.KubernetesClients;
import dev.berth.kubernetes.doctor.CheckResult;
import dev.berth.kubernetes.doctor.Doctor;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth doctor}: checks a cluster against what the configured driver needs. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a cluster before the first sandbox: one line per check, ✔ / ⚠ / ✘, what was found"
          + " and for ⚠/✘ how to fix it. Takes the same settings as serve.",
      "Exit 0 when nothing is ✘, 1 when something is, 2 for invalid settings."
    })
final class DoctorCommand implements Callable<Integer>, SettingsAware {

  /** Doctor waits less than the driver: a check that needs longer is itself a finding. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Output formats of this command; YAML would add nothing to JSON here. */
  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "Kubeconfig file. Env: KUBECONFIG. Default: in-cluster configuration, then"
              + " ~/.kube/config.")
  String kubeconfig;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "<text|json>",
      description = "Output format: text (default) or json.")
  Format output = Format.text;

  @Option(
      names = "--expect-gpu",
      description = "GPU sandboxes are expected: a cluster without GPU nodes is a failure.")
  boolean expectGpu;

  @Option(
      names = "--timeout-seconds",
      paramLabel = "<seconds>",
      description = "Bound of each API request and of connecting. Default: 5.")
  long timeoutSeconds = DEFAULT_TIMEOUT.toSeconds();

  private Map<String, String> environment = Map.of();

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Result<DriverSettings> loaded = SettingsOptions.load(spec, environment);
    if (!loaded.isValid()) {
      return Reports.violations(
          out,
          err,
          output == Format.json ? OutputFormat.json : OutputFormat.text,
          "driver settings",
          loaded.violations());
    }
    if (timeoutSeconds < 1) {
      err.println("berth doctor: --timeout-seconds must be at least 1");
      err.flush();
      return ExitCodes.INVALID;
    }
    List<CheckResult> results = run(loaded.orElseThrow());
    DoctorReport.print(out, output == Format.json, results);
    return Doctor.failed(results) ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private List<CheckResult> run(DriverSettings settings) {
    Optional<String> kube =
        Optional.ofNullable(kubeconfig)
            .or(() -> Optional.ofNullable(environment.get("KUBECONFIG")))
            .filter(s -> !s.isBlank());
    Config config;
    try {
      config = KubernetesClients.config(kube.flatMap(BackendFactory::firstExisting));
    } catch (DriverException e) {
      return List.of(
          CheckResult.fail(
              "api-server",
              e.getMessage() + ".",
              "name a readable kubeconfig with --kubeconfig or KUBECONFIG."));
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    try (KubernetesClient client = KubernetesClients.create(config, timeout, timeout)) {
      return Doctor.run(client, settings, contextName(config), expectGpu);
    }
  }

  static String contextName(Config config) {
    return config.getCurrentContext() == null || config.getCurrentContext().getName() == null
        ? "(none: in-cluster or default configuration)"
        : config.getCurrentContext().getName();
  }
}
