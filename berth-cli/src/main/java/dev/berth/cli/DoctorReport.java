package dev.berth.cli;

import dev.berth.kubernetes.doctor.CheckResult;
import java.io.PrintWriter;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints doctor results: a line per check (and its manifest) for people, or one JSON object. */
final class DoctorReport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DoctorReport() {}

  static void print(PrintWriter out, boolean json, List<CheckResult> results) {
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(results)));
    } else {
      for (CheckResult r : results) {
        out.println(r.line());
        r.manifest().ifPresent(yaml -> out.print(yaml.endsWith("\n") ? yaml : yaml + "\n"));
      }
      out.println(summary(results));
    }
    out.flush();
  }

  static ObjectNode tree(List<CheckResult> results) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ok", results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL));
    ArrayNode checks = root.putArray("checks");
    for (CheckResult r : results) {
      ObjectNode c = checks.addObject();
      c.put("check", r.check());
      c.put("status", r.status().value());
      c.put("found", r.found());
      r.fix().ifPresent(f -> c.put("fix", f));
      r.manifest().ifPresent(m -> c.put("manifest", m));
    }
    return root;
  }

  static String summary(List<CheckResult> results) {
    return count(results, CheckResult.Status.OK, "ok")
        + ", "
        + count(results, CheckResult.Status.WARN, "warning")
        + ", "
        + count(results, CheckResult.Status.FAIL, "failure");
  }

  private static String count(List<CheckResult> results, CheckResult.Status status, String noun) {
    long n = results.stream().filter(r -> r.status() == status).count();
    return status == CheckResult.Status.OK ? n + " " + noun : Reports.count((int) n, noun);
  }
}
