package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running JVM holds, read from outside: resident memory from {@code /proc/<pid>/status} and
 * the Java heap from {@code jcmd <pid> GC.heap_info} (the attach mechanism, no agent, no JFR).
 *
 * @param rssKib resident set now (VmRSS)
 * @param peakRssKib the largest resident set so far (VmHWM)
 * @param anonKib resident anonymous memory (heap, metaspace, code, thread stacks, malloc)
 * @param fileKib resident file-backed memory (the runtime's libraries, the class archive, the jar)
 * @param heapUsedKib used Java heap, summed over generations; -1 when jcmd gave no answer
 * @param heapCommittedKib committed Java heap; -1 when jcmd gave no answer
 */
public record ProcessMemory(
    long rssKib,
    long peakRssKib,
    long anonKib,
    long fileKib,
    long heapUsedKib,
    long heapCommittedKib) {

  /**
   * A generation's (Serial, Parallel) or the whole heap's (G1) committed and used size; JDK 17
   * prints {@code total C, used U}, later JDKs {@code total reserved R, committed C, used U} for
   * G1.
   */
  private static final Pattern GENERATION =
      Pattern.compile("total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");

  /** Reads the process's memory; jcmd is the benchmark JVM's own. */
  static ProcessMemory read(long pid) throws IOException, InterruptedException {
    Map<String, Long> status = status(Path.of("/proc", Long.toString(pid), "status"));
    String heap = jcmd(pid, "GC.heap_info");
    long used = 0;
    long committed = 0;
    boolean found = false;
    Matcher m = GENERATION.matcher(heap);
    while (m.find()) {
      committed += Long.parseLong(m.group(1));
      used += Long.parseLong(m.group(2));
      found = true;
    }
    return new ProcessMemory(
        status.getOrDefault("VmRSS", -1L),
        status.getOrDefault("VmHWM", -1L),
        status.getOrDefault("RssAnon", -1L),
        status.getOrDefault("RssFile", -1L),
        found ? used : -1,
        found ? committed : -1);
  }

  /** The kB fields of a {@code /proc/<pid>/status} file. */
  static Map<String, Long> status(Path file) throws IOException {
    Map<String, Long> fields = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int colon = line.indexOf(':');
      String value = line.substring(colon + 1).trim();
      if (colon > 0 && value.endsWith(" kB")) {
        fields.put(
            line.substring(0, colon), Long.parseLong(value.substring(0, value.length() - 3)));
      }
    }
    return fields;
  }

  /** Runs a diagnostic command in the process with this JVM's jcmd; "" when it does not answer. */
  static String jcmd(long pid, String command) throws IOException, InterruptedException {
    // The jcmd beside this JVM's java, which can attach to a child of the same JDK.
    Path jcmd =
        ProcessHandle.current()
            .info()
            .command()
            .map(java -> Path.of(java).resolveSibling("jcmd"))
            .orElse(Path.of("jcmd"));
    Process p =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "";
    }
    return out;
  }
}
