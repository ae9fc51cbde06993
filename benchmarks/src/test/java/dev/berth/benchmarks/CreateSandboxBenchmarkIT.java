package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** A short run of the benchmark command: it completes and reports numbers. No timing claims. */
class CreateSandboxBenchmarkIT {

  @Test
  void aShortRunCreatesEverySandboxAndReportsLatencies() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CreateResult result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = CreateSandboxBenchmark.run(new Options(20, 5, true, false), out);
    }

    for (Stats stats :
        new Stats[] {
          result.berth(),
          result.raw(),
          result.passThrough(),
          result.berthIn(),
          result.berthCreate(),
          result.berthOut(),
          result.capabilities(),
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
    assertThat(result.passThroughMeanRatio()).isPositive().isFinite();
    // The three parts of Berth's call add up to the whole call, sample by sample, so on average.
    assertThat(result.berthIn().mean() + result.berthCreate().mean() + result.berthOut().mean())
        .isCloseTo(result.berth().mean(), Offset.offset(1.0));
    // (5 + 20) creates each by Berth, the raw client and the pass-through driver, all in the mock;
    // Berth's first object equals the raw client's, names aside.
    assertThat(result.stored()).isEqualTo(75);
    assertThat(result.sameObject()).isTrue();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("| Berth CreateSandbox (gRPC over UDS)", "| raw fabric8 create()")
        .contains("| pass-through CreateSandbox (gRPC over UDS)")
        .contains("ratio pass-through/raw (gRPC over the socket, no driver work): mean ")
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
