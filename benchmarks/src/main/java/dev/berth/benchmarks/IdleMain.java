package dev.berth.benchmarks;

import java.io.IOException;

/**
 * The start-up floor: a program that does nothing but say it is running and wait. Started with a
 * variant's runtime and flags, it shows what the JVM alone costs in time and memory.
 */
public final class IdleMain {

  /** What the program prints once its main method runs. */
  public static final String READY = "idle";

  private IdleMain() {}

  public static void main(String[] args) throws IOException {
    System.out.println(READY);
    System.out.flush();
    // Until the benchmark closes stdin or ends the process.
    while (System.in.read() >= 0) {
      // discard
    }
  }
}
