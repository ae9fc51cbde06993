package dev.berth.cli;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.StatusMapping;
import dev.berth.result.Violation;
import dev.berth.settings.ServingSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    return socketToDial()
        .map(DriverConnection::unixSocket)
        .orElseGet(() -> DriverConnection.tcp(addressToDial()));
  }

  /** Where the connection went, for messages. */
  String target() {
    return socketToDial().map(p -> "unix://" + p.toAbsolutePath()).orElseGet(this::addressToDial);
  }

  /** The socket to dial: --socket, else (without --address) serve's socket variable; else TCP. */
  private Optional<Path> socketToDial() {
    if (socket != null) {
      return Optional.of(socket);
    }
    if (address != null) {
      return Optional.empty();
    }
    String env = environment.getOrDefault(ServingSettings.BIND_SOCKET.env(), "").strip();
    return env.isEmpty() ? Optional.empty() : Optional.of(Path.of(env));
  }

  /** The TCP address to dial when there is no socket: --address, serve's variable, the default. */
  private String addressToDial() {
    if (address != null) {
      return address;
    }
    String env = environment.getOrDefault(ServingSettings.BIND_ADDRESS.env(), "").strip();
    return env.isEmpty() ? ServingSettings.BIND_ADDRESS.defaultValue() : env;
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
