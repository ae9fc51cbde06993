package dev.berth.cli;

import dev.berth.settings.DriverSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a kubelet probe of the Berth container costs, two ways: an HTTP probe of the running
 * driver's health listener (what the install uses) and an exec probe that starts a JVM (the
 * alternative the install rejects). Each is measured with its own do-nothing floor in the same run,
 * interleaved round by round: a socket that answers a fixed response for the HTTP probe, {@code
 * /bin/true} for the exec probe. Like the kubelet, every HTTP probe opens a new connection.
 *
 * <p>Run: {@code ./mvnw -q -pl berth-cli -am package -DskipTests && ./mvnw -q -pl berth-cli -am
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt && java -cp
 * berth-cli/target/test-classes:berth-cli/target/classes:$(cat berth-cli/target/cp.txt)
 * dev.berth.cli.ProbeCostBenchmark [rounds] [probes per round] [execs per round]}
 */
public final class ProbeCostBenchmark {

  private static final byte[] REQUEST =
      "GET /readyz HTTP/1.1\r\nHost: pod\r\nUser-Agent: kube-probe/1.35\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);

  private ProbeCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int probes = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int execs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path jar = Path.of("berth-cli", "target", "berth.jar").toAbsolutePath();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    int health = freePort();
    DriverSettings settings =
        DriverSettings.fromMap(Map.of("OPENSHELL_HEALTH_ADDRESS", "127.0.0.1:" + health))
            .orElseThrow();
    List<Double> httpMicros = new ArrayList<>();
    List<Double> httpCpuMicros = new ArrayList<>();
    List<Double> floorMicros = new ArrayList<>();
    List<Double> execMillis = new ArrayList<>();
    List<Double> execCpuMillis = new ArrayList<>();
    List<Double> execRssMb = new ArrayList<>();
    List<Double> trueMillis = new ArrayList<>();
    List<Double> trueCpuMillis = new ArrayList<>();
    // The registry exists in every serve; the client and the floor are the benchmark's own.
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ServerSocket floor = new ServerSocket()) {
      floor.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread floorThread = new Thread(() -> answerFixed(floor), "floor");
      floorThread.setDaemon(true);
      floorThread.start();
      for (int i = 0; i < 200; i++) {
        probe(floor.getLocalPort());
      }
      long heapBefore = heapUsed();
      long rssBefore = rssKb();
      HttpEndpoints endpoints = HttpEndpoints.start(settings.serving(), registry);
      endpoints.ready(true);
      for (int i = 0; i < 200; i++) {
        probe(health);
      }
      long heapWarm = heapUsed();
      long rssWarm = rssKb();
      for (int r = 0; r < rounds; r++) {
        long cpu0 = httpThreadCpu(threads);
        long t0 = System.nanoTime();
        for (int i = 0; i < probes; i++) {
          probe(health);
        }
        httpMicros.add((System.nanoTime() - t0) / 1e3 / probes);
        httpCpuMicros.add((httpThreadCpu(threads) - cpu0) / 1e3 / probes);
        long f0 = System.nanoTime();
        for (int i = 0; i < probes; i++) {
          probe(floor.getLocalPort());
        }
        floorMicros.add((System.nanoTime() - f0) / 1e3 / probes);
        for (int i = 0; i < execs; i++) {
          double[] java =
              timed(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-XX:+UseSerialGC",
                      "-XX:TieredStopAtLevel=1",
                      "-cp",
                      jar.toString(),
                      "dev.berth.cli.Main",
                      "--version"));
          execMillis.add(java[0]);
          execCpuMillis.add(java[1]);
          execRssMb.add(java[2]);
          double[] none = timed(List.of("/bin/true"));
          trueMillis.add(none[0]);
          trueCpuMillis.add(none[1]);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "JVM %s, %d processors; %d rounds of %d HTTP probes and %d exec probes%n",
          Runtime.version(),
          Runtime.getRuntime().availableProcessors(),
          rounds,
          probes,
          execs);
      System.out.printf(
          Locale.ROOT,
          "health endpoint: RSS +%d KiB after start and warm-up (%d KiB before), heap +%.1f MiB,"
              + " 1 thread%n",
          rssWarm - rssBefore,
          rssBefore,
          (heapWarm - heapBefore) / 1048576.0);
      endpoints.close();
    }
    report("HTTP probe, wall per probe (us)", httpMicros);
    report("  floor: fixed answer, wall per probe (us)", floorMicros);
    report("HTTP probe, server CPU per probe (us)", httpCpuMicros);
    report("exec probe (JVM start), wall (ms)", execMillis);
    report("exec probe (JVM start), CPU user+sys (ms)", execCpuMillis);
    report("exec probe (JVM start), max RSS (MiB)", execRssMb);
    report("  floor: /bin/true, wall (ms)", trueMillis);
    report("  floor: /bin/true, CPU user+sys (ms)", trueCpuMillis);
  }

  /** One probe on a new connection, read to the end, as the kubelet does. */
  private static void probe(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(REQUEST);
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buffer = new byte[512];
      int n;
      int total = 0;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
      if (total < 12 || buffer[9] != '2') {
        throw new IllegalStateException("probe failed");
      }
    }
  }

  private static void answerFixed(ServerSocket server) {
    byte[] reply =
        "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nready\n"
            .getBytes(StandardCharsets.US_ASCII);
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[512];
        int n;
        int seen = 0;
        // Read the request head, then answer; the client closes after reading.
        while (seen < REQUEST.length && (n = in.read(buffer)) > 0) {
          seen += n;
        }
        s.getOutputStream().write(reply);
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Wall ms, user+sys ms and max RSS MiB of one process, from GNU time. */
  private static double[] timed(List<String> command) throws Exception {
    Path out = Files.createTempFile("probe-cost", ".txt");
    List<String> full =
        new ArrayList<>(List.of("/usr/bin/time", "-o", out.toString(), "-f", "%e %U %S %M"));
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("failed: " + command);
    }
    String[] f = Files.readString(out).strip().split("\\s+");
    Files.delete(out);
    return new double[] {
      Double.parseDouble(f[0]) * 1000,
      (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000,
      Double.parseDouble(f[3]) / 1024
    };
  }

  private static long httpThreadCpu(ThreadMXBean threads) {
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("berth-http")) {
        total += threads.getThreadCpuTime(t.getId());
      }
    }
    return total;
  }

  private static void report(String what, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double median = sorted.get(sorted.size() / 2);
    System.out.printf(
        Locale.ROOT,
        "%-45s median %10.1f   min %10.1f   max %10.1f   (n=%d)%n",
        what,
        median,
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static long heapUsed() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
