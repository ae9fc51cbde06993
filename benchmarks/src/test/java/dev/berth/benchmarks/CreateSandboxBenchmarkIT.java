package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A short run of the benchmark command: it completes and reports numbers. No timing claims. */
class CreateSandboxBenchmarkIT {

  @Test
  void aShortRunCreatesEverySandboxAndReportsLatencies() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Result result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = CreateSandboxBenchmark.run(new Options(20, 5, true, false), out);
    }

    for (Stats stats :
        new Stats[] {
          result.berth(),
          result.raw(),
          result.transportFloor(),
          result.planAndRender(),
          result.handlerInProcess(),
          result.backendInProcess(),
          result.rawBeside(),
          result.mockBerth(),
          result.mockRaw()
        }) {
      assertThat(stats.n()).as(stats.label()).isEqualTo(20);
      assertThat(stats.min()).as(stats.label()).isPositive();
      assertThat(stats.p50()).as(stats.label()).isBetween(stats.min(), stats.p90());
      assertThat(stats.p99()).as(stats.label()).isBetween(stats.p90(), stats.max());
      assertThat(stats.throughput()).as(stats.label()).isPositive();
    }
    assertThat(result.meanRatio()).isPositive().isFinite();
    assertThat(result.p50Ratio()).isPositive().isFinite();
    // (5 + 20) creates by Berth and as many raw ones, all in the mock, the same object each way.
    assertThat(result.stored()).isEqualTo(50);
    assertThat(result.sameObject()).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("| Berth CreateSandbox (gRPC over UDS)", "| raw fabric8 create()")
        .contains("ratio Berth/raw: mean ");
  }

  @Test
  void argumentsAreParsed() {
    assertThat(
            Options.parse(
                "--count", "7", "--warmup", "3", "--berth-log", "off", "--raw-client", "driver"))
        .isEqualTo(new Options(7, 3, false, true));
    assertThat(Options.parse()).isEqualTo(Options.defaults());
  }
}
