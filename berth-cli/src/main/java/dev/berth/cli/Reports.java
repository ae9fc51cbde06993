package dev.berth.cli;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.WorkspacePlan;
import dev.berth.result.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints validation results for people (one line each) or machines (JSON). */
final class Reports {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Reports() {}

  /** Prints every violation and returns {@link ExitCodes#INVALID}. */
  static int violations(
      PrintWriter out, PrintWriter err, OutputFormat format, String source, List<Violation> list) {
    if (format == OutputFormat.text) {
      list.forEach(out::println);
      err.println(source + ": " + count(list.size(), "violation"));
    } else {
      ObjectNode root = JSON.createObjectNode();
      root.put("valid", false);
      root.put("source", source);
      ArrayNode items = root.putArray("violations");
      for (Violation v : list) {
        items.addObject().put("field", v.field()).put("message", v.message());
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
    out.flush();
    err.flush();
    return ExitCodes.INVALID;
  }

  /** Prints a one-line summary (or a JSON object) of a valid plan. */
  static void valid(PrintWriter out, OutputFormat format, String source, SandboxPlan plan) {
    SandboxPlan.Identity id = plan.identity();
    if (format == OutputFormat.text) {
      out.println(
          "valid: "
              + source
              + ": sandbox '"
              + id.name()
              + "' (id "
              + id.id()
              + ") becomes Sandbox "
              + id.namespace()
              + "/"
              + id.resourceName()
              + "; image "
              + plan.agent().image()
              + "; "
              + count(plan.storage().volumes().size(), "volume")
              + ", "
              + count(plan.storage().mounts().size(), "mount")
              + "; workspace "
              + workspace(plan.storage().workspace())
              + "; topology "
              + plan.settings().supervisor().topology().value());
    } else {
      ObjectNode root = JSON.createObjectNode();
      root.put("valid", true);
      root.put("source", source);
      ObjectNode sandbox = root.putObject("sandbox");
      sandbox.put("id", id.id());
      sandbox.put("name", id.name());
      sandbox.put("workspace", id.workspace());
      sandbox.put("namespace", id.namespace());
      sandbox.put("resourceName", id.resourceName());
      sandbox.put("image", plan.agent().image());
      sandbox.put("volumes", plan.storage().volumes().size());
      sandbox.put("mounts", plan.storage().mounts().size());
      sandbox.put("workspaceVolume", workspace(plan.storage().workspace()));
      sandbox.put("topology", plan.settings().supervisor().topology().value());
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
    out.flush();
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String workspace(WorkspacePlan ws) {
    if (!ws.persistent()) {
      return "emptyDir (not persistent)";
    }
    return "claim " + ws.storageSize() + ws.storageClass().map(c -> " (" + c + ")").orElse("");
  }

  /** Reports a request file that cannot be read and returns the exit code for it. */
  static int unreadable(PrintWriter err, Path file, IOException e) {
    err.println("berth: cannot read " + file + ": " + reason(e));
    err.flush();
    return ExitCodes.FAILURE;
  }

  /** A short reason for an I/O failure, without a stack trace. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Rows as left-aligned columns two spaces apart, one line each; the last column is not padded, so
   * no line ends in spaces.
   */
  static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row[i];
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] + 2 - cell.length()));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
