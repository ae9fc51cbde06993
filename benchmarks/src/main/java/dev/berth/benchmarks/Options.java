package dev.berth.benchmarks;

/**
 * What to run.
 *
 * @param count measured operations of each kind
 * @param warmup unmeasured operations of each kind before them
 * @param berthLog whether the driver writes its per-call log line (to a file in the temp dir), as
 *     {@code berth serve} does at the default level
 * @param sharedClient whether the raw creates go through the driver's own fabric8 client (the one
 *     its informer and event watch use) instead of a separate client built the same way
 */
public record Options(int count, int warmup, boolean berthLog, boolean sharedClient) {

  public Options {
    if (count < 1 || warmup < 0) {
      throw new IllegalArgumentException("--count must be at least 1 and --warmup at least 0");
    }
  }

  public static Options defaults() {
    return new Options(1000, 200, true, false);
  }

  static Options parse(String... args) {
    Options d = defaults();
    int count = d.count();
    int warmup = d.warmup();
    boolean log = d.berthLog();
    boolean shared = d.sharedClient();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--count" -> count = Integer.parseInt(value(args, ++i, arg));
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, arg));
        case "--berth-log" -> {
          String v = value(args, ++i, arg);
          if (!v.equals("file") && !v.equals("off")) {
            throw new IllegalArgumentException("--berth-log takes 'file' or 'off', not " + v);
          }
          log = v.equals("file");
        }
        case "--raw-client" -> {
          String v = value(args, ++i, arg);
          if (!v.equals("separate") && !v.equals("driver")) {
            throw new IllegalArgumentException(
                "--raw-client takes 'separate' or 'driver', not " + v);
          }
          shared = v.equals("driver");
        }
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    return new Options(count, warmup, log, shared);
  }

  private static String value(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }
}
