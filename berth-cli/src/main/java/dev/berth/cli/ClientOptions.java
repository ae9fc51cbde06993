package dev.berth.cli;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.StatusMapping;
import dev.berth.settings.ServingSettings;
import dev.berth.validate.Violation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the driver is and how to print answers; shared by every {@code berth sandbox} command. It
 * also turns failed calls into output and exit codes, so all commands report errors alike.
 */
final class ClientOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description =
          "Driver Unix socket. Default: $OPENSHELL_COMPUTE_DRIVER_SOCKET, else --address.")
  Path socket;

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      description =
          "Driver TCP address. Default: $OPENSHELL_COMPUTE_DRIVER_BIND, else 127.0.0.1:50061.")
  String address;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "text|yaml|json",
      defaultValue = "text",
      description = "Output format: text (default: a table or a summary), yaml or json.")
  OutputFormat output;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "90",
      description =
          "Deadline of each call, in seconds (default 90: a stop waits for the pod to go).")
  long timeoutSeconds;

  Map<String, String> environment = Map.of();

  /** Connects as the options say; the serve settings' variables are the defaults, as for serve. */
  DriverConnection connect() {
    if (socket != null && address != null) {
      throw new ParameterException(spec.commandLine(), "give --socket or --address, not both");
    }
    if (socket != null) {
      return DriverConnection.unixSocket(socket);
    }
    if (address != null) {
      return DriverConnection.tcp(address);
    }
    String envSocket = environment.getOrDefault(ServingSettings.BIND_SOCKET.env(), "").strip();
    if (!envSocket.isEmpty()) {
      return DriverConnection.unixSocket(Path.of(envSocket));
    }
    String envAddress = environment.getOrDefault(ServingSettings.BIND_ADDRESS.env(), "").strip();
    return DriverConnection.tcp(
        envAddress.isEmpty() ? ServingSettings.BIND_ADDRESS.defaultValue() : envAddress);
  }

  /** Where the connection went, for messages. */
  String target() {
    if (socket != null) {
      return "unix://" + socket.toAbsolutePath();
    }
    if (address != null) {
      return address;
    }
    String envSocket = environment.getOrDefault(ServingSettings.BIND_SOCKET.env(), "").strip();
    if (!envSocket.isEmpty()) {
      return "unix://" + Path.of(envSocket).toAbsolutePath();
    }
    String envAddress = environment.getOrDefault(ServingSettings.BIND_ADDRESS.env(), "").strip();
    return envAddress.isEmpty() ? ServingSettings.BIND_ADDRESS.defaultValue() : envAddress;
  }

  /**
   * Prints a failed call and returns its exit code: 2 with one line per violation for invalid
   * input, 1 for everything else.
   *
   * @param source what the input was, for the violation summary (a file, an id)
   */
  int failed(StatusRuntimeException e, String source) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Status status = e.getStatus();
    List<Violation> violations = StatusMapping.violations(e);
    if (status.getCode() == Status.Code.INVALID_ARGUMENT && !violations.isEmpty()) {
      return Reports.violations(out, err, output, source, violations);
    }
    String name = spec.qualifiedName(" ");
    // Transport failures carry a local cause; an UNAVAILABLE sent by the driver does not.
    if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
      err.println(name + ": cannot reach the driver at " + target() + " (" + cause(e) + ")");
    } else {
      err.println(name + ": " + status.getCode() + ": " + status.getDescription());
    }
    err.flush();
    return status.getCode() == Status.Code.INVALID_ARGUMENT ? ExitCodes.INVALID : ExitCodes.FAILURE;
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
