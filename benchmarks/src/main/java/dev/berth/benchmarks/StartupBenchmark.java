package dev.berth.benchmarks;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Cold start and idle memory of {@code berth serve}, for several ways of running it, interleaved.
 *
 * <p>One process holds a fabric8 CRUD mock API server ({@link MockApi}) with the agent-sandbox CRD
 * and writes a kubeconfig for it. Each round starts every variant once as a child process, {@code
 * JAVA [OPTIONS] -jar JAR serve --kubeconfig K --bind-socket S}, and takes the time from the
 * process start until a {@code GetCapabilities} call over the Unix socket is answered. After an
 * idle period it reads the child's resident memory from {@code /proc/<pid>/status} and its heap
 * from {@code jcmd <pid> GC.heap_info}, then ends it with SIGTERM (which must exit 0). Then, for
 * every variant, the floor: the same java and options (without the application's class archive)
 * running a main that only prints a line and waits, timed to that line and measured the same way.
 * The first round is a warm-up and is not counted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.StartupBenchmark \
 *     --runs 10 --idle 5 \
 *     --variant 'plain=java -jar berth-cli/target/berth.jar' \
 *     --variant 'runtime=deploy/image/target/berth/jre/bin/java @deploy/image/target/berth/berth.jvmopts -jar deploy/image/target/berth/berth.jar'
 * </pre>
 */
public final class StartupBenchmark {

  /** Where serve's ready line reports its start-up phases. */
  static final String STARTED_IN = "started in ";

  private final Path dir;
  private final Path kubeconfig;
  private final Path floorJar;
  private final long idleMillis;
  private int serial;

  private StartupBenchmark(Path dir, Path kubeconfig, Path floorJar, long idleMillis) {
    this.dir = dir;
    this.kubeconfig = kubeconfig;
    this.floorJar = floorJar;
    this.idleMillis = idleMillis;
  }

  /** What to run. */
  public record Options(int runs, long idleMillis, boolean https, List<StartupVariant> variants) {

    public static Options parse(String... args) {
      int runs = 10;
      long idle = 5000;
      boolean https = false;
      List<StartupVariant> variants = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--runs" -> runs = Integer.parseInt(value(args, ++i));
          case "--idle" -> idle = Math.round(Double.parseDouble(value(args, ++i)) * 1000);
          case "--https" -> https = true;
          case "--variant" -> variants.add(StartupVariant.parse(value(args, ++i)));
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (variants.isEmpty() || runs < 1) {
        throw new IllegalArgumentException("give at least one --variant and --runs of at least 1");
      }
      return new Options(runs, idle, https, variants);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }
  }

  /** One start of one command. */
  public record Run(double startMillis, ProcessMemory memory, int exit, String startup) {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("StartupBenchmark: " + e.getMessage());
      System.err.println(
          "usage: [--runs N] [--idle SECONDS] [--https] --variant 'NAME=JAVA [OPTIONS] -jar JAR'"
              + " ...");
      System.exit(2);
      return;
    }
    run(options, System.out);
  }

  /** Runs the benchmark, prints per-run lines and the table, and returns the counted runs. */
  public static Results run(Options options, PrintStream out) throws Exception {
    // The benchmark's own libraries (the mock, the gRPC client) log at WARN only.
    CreateBenchmarkSetup.configureLogging(null);
    Path dir = Files.createTempDirectory("berth-startup");
    try (MockApi api = MockApi.start(options.https())) {
      StartupBenchmark bench =
          new StartupBenchmark(
              dir,
              api.writeKubeconfig(dir.resolve("kubeconfig")),
              floorJar(dir.resolve("floor.jar")),
              options.idleMillis());
      return bench.measure(options, out);
    } finally {
      CreateBenchmarkSetup.deleteTree(dir);
    }
  }

  /** The counted runs of every variant, by variant name, in the order given. */
  public record Results(Map<String, List<Run>> serve, Map<String, List<Run>> floor) {}

  private Results measure(Options options, PrintStream out) throws Exception {
    Map<String, List<Run>> serve = new LinkedHashMap<>();
    Map<String, List<Run>> floor = new LinkedHashMap<>();
    for (StartupVariant v : options.variants()) {
      serve.put(v.name(), new ArrayList<>());
      floor.put(v.name(), new ArrayList<>());
    }
    out.printf(
        "berth serve cold start: %d runs + 1 warm-up per variant, %d ms idle, load %s%n",
        options.runs(), options.idleMillis(), CreateBenchmarkSetup.loadAverage());
    for (int round = 0; round <= options.runs(); round++) {
      for (StartupVariant v : options.variants()) {
        Run r = serveOnce(v);
        report(out, round, "serve", v, r);
        if (round > 0) {
          serve.get(v.name()).add(r);
        }
      }
      for (StartupVariant v : options.variants()) {
        Run r = floorOnce(v);
        report(out, round, "floor", v, r);
        if (round > 0) {
          floor.get(v.name()).add(r);
        }
      }
    }
    out.println();
    out.println("load average after the run: " + CreateBenchmarkSetup.loadAverage());
    StartupReport.print(out, options.variants(), serve, floor);
    return new Results(serve, floor);
  }

  private static void report(PrintStream out, int round, String kind, StartupVariant v, Run r) {
    out.printf(
        "%s %-6s %-14s %7.0f ms  rss %6.1f MiB  heap %6.1f/%6.1f MiB  exit %d  %s%n",
        round == 0 ? "warm-up" : "run " + round,
        kind,
        v.name(),
        r.startMillis(),
        r.memory().rssKib() / 1024.0,
        r.memory().heapUsedKib() / 1024.0,
        r.memory().heapCommittedKib() / 1024.0,
        r.exit(),
        r.startup());
  }

  private Run serveOnce(StartupVariant v) throws Exception {
    int n = ++serial;
    Path socket = dir.resolve("s" + n).resolve("driver.sock");
    Path log = dir.resolve(v.name() + "-" + n + ".log");
    ProcessBuilder pb =
        ServeProcess.builder(v.command(), kubeconfig, socket)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      if (!ServeProcess.awaitSocket(p, socket, 60)) {
        throw new IllegalStateException(v.name() + " did not serve within 60 s:\n" + tail(log));
      }
      try (DriverConnection connection = DriverConnection.unixSocket(socket)) {
        ComputeDriverGrpc.newBlockingStub(connection.channel())
            .withWaitForReady()
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .getCapabilities(GetCapabilitiesRequest.getDefaultInstance());
      }
      long t1 = System.nanoTime();
      Thread.sleep(idleMillis);
      ProcessMemory memory = ProcessMemory.read(p.pid());
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(v.name() + " did not stop within 60 s of SIGTERM");
      }
      return new Run((t1 - t0) / 1e6, memory, p.exitValue(), startupLine(log));
    } finally {
      p.destroyForcibly();
    }
  }

  /** What serve's ready line says about its own start-up phases, or "" without one. */
  private static String startupLine(Path log) throws IOException {
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf(STARTED_IN);
      if (at >= 0) {
        return line.substring(at);
      }
    }
    return "";
  }

  private Run floorOnce(StartupVariant v) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(v.floor(floorJar)).redirectError(ProcessBuilder.Redirect.DISCARD);
    ServeProcess.clean(pb.environment());
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      OutputStream stdin = p.getOutputStream();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      long t1 = System.nanoTime();
      if (!IdleMain.READY.equals(line)) {
        throw new IllegalStateException(v.name() + " floor printed " + line);
      }
      Thread.sleep(idleMillis);
      ProcessMemory memory = ProcessMemory.read(p.pid());
      stdin.close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(v.name() + " floor did not exit");
      }
      return new Run((t1 - t0) / 1e6, memory, p.exitValue(), "");
    } finally {
      p.destroyForcibly();
    }
  }

  /** A jar with only {@link IdleMain}, so the floor loads nothing of Berth's. */
  private static Path floorJar(Path jar) throws IOException {
    String entry = IdleMain.class.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (InputStream in = IdleMain.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream jarOut = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      jarOut.putNextEntry(new JarEntry(entry));
      in.transferTo(jarOut);
      jarOut.closeEntry();
    }
    return jar;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
