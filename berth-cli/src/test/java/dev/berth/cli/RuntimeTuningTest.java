package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeTuningTest {

  @Test
  void smallMachinesGetTwoCommonPoolWorkers() {
    assertThat(RuntimeTuning.commonPoolParallelism(1, Optional.empty())).contains("2");
    assertThat(RuntimeTuning.commonPoolParallelism(2, Optional.empty())).contains("2");
  }

  @Test
  void largerMachinesKeepTheJdkDefault() {
    assertThat(RuntimeTuning.commonPoolParallelism(3, Optional.empty())).isEmpty();
    assertThat(RuntimeTuning.commonPoolParallelism(64, Optional.empty())).isEmpty();
  }

  @Test
  void anOperatorsSettingIsKept() {
    assertThat(RuntimeTuning.commonPoolParallelism(1, Optional.of("1"))).isEmpty();
    assertThat(RuntimeTuning.commonPoolParallelism(2, Optional.of("8"))).isEmpty();
  }
}
