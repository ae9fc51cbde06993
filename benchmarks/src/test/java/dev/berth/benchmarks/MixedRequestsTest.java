package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixedRequestsTest {

  @Test
  void everyPercentPicksAKindAndEachKindGetsItsShare() {
    Map<MixedRequests.Kind, Integer> counts = new EnumMap<>(MixedRequests.Kind.class);
    for (int p = 0; p < 100; p++) {
      counts.merge(MixedRequests.pick(p), 1, Integer::sum);
    }
    for (MixedRequests.Kind k : MixedRequests.Kind.values()) {
      assertThat(counts.get(k)).as(k.name()).isEqualTo(k.share);
    }
  }

  @Test
  void refusesNumbersOutsideThePercentRange() {
    assertThatThrownBy(() -> MixedRequests.pick(100)).isInstanceOf(IllegalArgumentException.class);
  }
}
