package dev.berth.benchmarks.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * 2,000 generated requests with a fixed seed over the real socket against the mock API (the long
 * run is {@link FuzzMain}): every answer is OK or a refusal with a violation, every accepted
 * Sandbox passes the independent Kubernetes-rules checker, the driver keeps answering and logs no
 * secret.
 */
class FuzzIT {

  static final long SEED = 20_261_206L;

  @Test
  void twoThousandCasesWithAFixedSeed() throws Exception {
    FuzzRun.Outcome outcome = FuzzRun.run(SEED, 2_000, null);

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.cases()).isEqualTo(2_000);
    // Both sides of the rules are reached, or the run proves little.
    assertThat(outcome.accepted()).isGreaterThan(200);
    assertThat(outcome.invalid()).isGreaterThan(200);
    assertThat(outcome.logLines()).isGreaterThanOrEqualTo(2_000);
  }
}
