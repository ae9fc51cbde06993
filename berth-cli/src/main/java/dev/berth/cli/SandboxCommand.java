package dev.berth.cli;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.convert.RequestFiles;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.ListSandboxesResponse;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import dev.berth.result.Result;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code berth sandbox ...}: a client of a running driver, for operators and the README tour. Each
 * subcommand is one RPC; exit codes are 0 (done), 1 (failed, including not found or unreachable)
 * and 2 (invalid input, one violation per line).
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Talk to a running driver (berth serve) over its Unix socket or TCP address.",
      "Exit 0 on success, 1 when the call fails, 2 for invalid input (one violation per line)."
    },
    subcommands = {
      SandboxCommand.Create.class,
      SandboxCommand.Get.class,
      SandboxCommand.ListCmd.class,
      SandboxCommand.Stop.class,
      SandboxCommand.Start.class,
      SandboxCommand.Delete.class,
      SandboxCommand.Watch.class
    })
final class SandboxCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: the connection, the call and the error handling. */
  abstract static class Call implements Callable<Integer>, EnvironmentAware {
    @Mixin ClientOptions client;

    @Override
    public void environment(Map<String, String> environment) {
      client.environment = environment;
    }

    PrintWriter out() {
      return client.spec.commandLine().getOut();
    }

    @Override
    public Integer call() {
      try (DriverConnection connection = client.connect()) {
        ComputeDriverBlockingStub stub =
            ComputeDriverGrpc.newBlockingStub(connection.channel())
                .withDeadlineAfter(client.timeoutSeconds, TimeUnit.SECONDS);
        return run(stub);
      } catch (StatusRuntimeException e) {
        return client.failed(e, source());
      } catch (ParameterException e) {
        // Thrown while running, picocli would count it as a failure; it is a usage error.
        PrintWriter err = client.spec.commandLine().getErr();
        err.println(client.spec.qualifiedName(" ") + ": " + e.getMessage());
        err.flush();
        return ExitCodes.INVALID;
      }
    }

    /** Makes the call and prints its answer; returns the exit code. */
    abstract int run(ComputeDriverBlockingStub stub);

    /** What the input was, for violation summaries. */
    abstract String source();
  }

  /** Commands that take one sandbox id. */
  abstract static class ById extends Call {
    @Parameters(index = "0", paramLabel = "ID", description = "Sandbox id.")
    String id;

    @Override
    String source() {
      return "sandbox " + id;
    }

    void done(String verb) {
      if (client.output == OutputFormat.text) {
        out().println(verb + " sandbox " + id);
        out().flush();
      } else {
        SandboxOutput.fields(out(), client.output, Map.of("id", id));
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a sandbox from a request file (a DriverSandbox as JSON or YAML, as for 'berth"
            + " validate'). A file without an id gets a generated one."
      })
  static final class Create extends Call {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "Request file (.json, .yaml, .yml).")
    Path file;

    private DriverSandbox sandbox;

    @Override
    String source() {
      return file.toString();
    }

    @Override
    public Integer call() {
      Result<DriverSandbox> request;
      try {
        request = RequestFiles.readMessage(file);
      } catch (IOException e) {
        return Reports.unreadable(client.spec.commandLine().getErr(), file, e);
      }
      if (!request.isValid()) {
        return Reports.violations(
            out(),
            client.spec.commandLine().getErr(),
            client.output,
            source(),
            request.violations());
      }
      sandbox = request.orElseThrow();
      if (sandbox.getId().isEmpty()) {
        // The gateway assigns ids; standing in for it, the CLI makes one that is unique enough.
        sandbox = sandbox.toBuilder().setId(UUID.randomUUID().toString()).build();
      }
      return super.call();
    }

    @Override
    int run(ComputeDriverBlockingStub stub) {
      String runtime =
          stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(sandbox).build())
              .getRuntimeIdentity();
      if (client.output == OutputFormat.text) {
        out().println("created sandbox '" + sandbox.getName() + "' (id " + sandbox.getId() + ")");
        out().println("runtime identity: " + runtime);
        out().flush();
      } else {
        SandboxOutput.message(
            out(),
            client.output,
            DriverSandbox.newBuilder()
                .setId(sandbox.getId())
                .setName(sandbox.getName())
                .setWorkspace(sandbox.getWorkspace()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one sandbox.")
  static final class Get extends ById {
    @Override
    int run(ComputeDriverBlockingStub stub) {
      DriverSandbox s =
          stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId(id).build()).getSandbox();
      if (client.output == OutputFormat.text) {
        SandboxOutput.summary(out(), s);
      } else {
        SandboxOutput.message(out(), client.output, s);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the driver's sandboxes, sorted by name.")
  static final class ListCmd extends Call {
    @Override
    String source() {
      return "list";
    }

    @Override
    int run(ComputeDriverBlockingStub stub) {
      ListSandboxesResponse all = stub.listSandboxes(ListSandboxesRequest.getDefaultInstance());
      if (client.output == OutputFormat.text) {
        SandboxOutput.table(out(), all.getSandboxesList());
      } else {
        SandboxOutput.message(out(), client.output, all);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop a sandbox's pod, keeping its storage; returns once it is stopped.")
  static final class Stop extends ById {
    @Override
    int run(ComputeDriverBlockingStub stub) {
      stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId(id).build());
      done("stopped");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a stopped sandbox; returns without waiting for the pod.")
  static final class Start extends ById {
    @Override
    int run(ComputeDriverBlockingStub stub) {
      String runtime =
          stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId(id).build())
              .getRuntimeIdentity();
      if (client.output == OutputFormat.text) {
        out().println("started sandbox " + id);
        out().println("runtime identity: " + runtime);
        out().flush();
      } else {
        SandboxOutput.fields(out(), client.output, Map.of("id", id, "runtime_identity", runtime));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description =
          "Delete a sandbox and what it owns. Exit 0 also when it was already gone (the output"
              + " says so).")
  static final class Delete extends ById {
    @Override
    int run(ComputeDriverBlockingStub stub) {
      boolean deleted =
          stub.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId(id).build())
              .getDeleted();
      if (client.output == OutputFormat.text) {
        out().println(deleted ? "deleted sandbox " + id : "sandbox " + id + " was already gone");
        out().flush();
      } else {
        SandboxOutput.fields(out(), client.output, Map.of("id", id, "deleted", deleted));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = {
        "Stream sandbox changes, deletions and Kubernetes events: first every current sandbox,"
            + " then changes, until interrupted. -o json prints one JSON object per line.",
        "Exit 1 when the driver ends the stream (it does so on shutdown or a lost watch)."
      })
  static final class Watch extends Call {
    @Override
    String source() {
      return "watch";
    }

    @Override
    int run(ComputeDriverBlockingStub stub) {
      // A watch has no deadline: it runs until the user or the driver ends it.
      Iterator<WatchSandboxesEvent> events =
          ComputeDriverGrpc.newBlockingStub(stub.getChannel())
              .watchSandboxes(WatchSandboxesRequest.getDefaultInstance());
      while (events.hasNext()) {
        SandboxOutput.event(out(), client.output, events.next());
      }
      return ExitCodes.OK;
    }
  }
}
