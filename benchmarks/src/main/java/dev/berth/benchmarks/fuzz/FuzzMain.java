package dev.berth.benchmarks.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.security.SecureRandom;
import org.slf4j.LoggerFactory;

/**
 * The long fuzz run: {@code java -cp benchmarks.jar dev.berth.benchmarks.fuzz.FuzzMain [--cases N]
 * [--seed S]}. Without a seed it draws one and prints it first, so any failure replays with the
 * same seed and case count. Exit code 1 when a case failed.
 */
public final class FuzzMain {

  private FuzzMain() {}

  public static void main(String[] args) throws Exception {
    int cases = 100_000;
    long seed = new SecureRandom().nextLong();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--cases" -> cases = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> {
          System.err.println("usage: FuzzMain [--cases N] [--seed S]");
          System.exit(2);
        }
      }
    }
    // Other libraries' chatter stays out; the driver's own lines are all read by the run.
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(Logger.ROOT_LOGGER_NAME)
        .setLevel(Level.WARN);
    System.out.printf("fuzz: seed %d, %d cases%n", seed, cases);
    FuzzRun.Outcome outcome = FuzzRun.run(seed, cases, System.out);
    System.out.printf(
        "fuzz: seed %d, %d cases in %d s: %d accepted, %d INVALID_ARGUMENT, %d FAILED_PRECONDITION,"
            + " %d log lines, %d failures%n",
        outcome.seed(),
        outcome.cases(),
        outcome.duration().toSeconds(),
        outcome.accepted(),
        outcome.invalid(),
        outcome.precondition(),
        outcome.logLines(),
        outcome.failures().size());
    outcome.failures().stream().limit(50).forEach(f -> System.out.println("  " + f));
    if (!outcome.failures().isEmpty()) {
      System.out.printf("replay: FuzzMain --seed %d --cases %d%n", outcome.seed(), outcome.cases());
      System.exit(1);
    }
  }
}
