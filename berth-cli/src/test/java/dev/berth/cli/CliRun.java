package dev.berth.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of the {@code berth} command line: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

  static CliRun execute(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Standard output's lines, surrounding blank space dropped; none when nothing was printed. */
  List<String> lines() {
    return out.isBlank() ? List.of() : out.strip().lines().toList();
  }
}
