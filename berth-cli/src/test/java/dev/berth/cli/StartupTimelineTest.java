package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupTimelineTest {

  @Test
  void phasesAreListedInOrderAfterTheJvmPhaseWithTheirRemarks() throws Exception {
    StartupTimeline timeline = StartupTimeline.begin();
    Thread.sleep(5);
    timeline.mark("settings");
    timeline.mark("backend", "which took 7 on its own thread");

    assertThat(timeline.phases())
        .matches(
            "JVM and command line \\d+, settings \\d+, backend \\d+ \\(which took 7 on its own"
                + " thread\\)");
    assertThat(timeline.phases()).doesNotContain("settings 0,");
  }

  @Test
  void theTotalCountsFromJvmStartToTheLastMark() throws Exception {
    StartupTimeline timeline = StartupTimeline.begin();
    long before = timeline.sinceJvmStartMillis();
    Thread.sleep(20);
    assertThat(timeline.sinceJvmStartMillis()).isEqualTo(before);

    timeline.mark("phase");

    assertThat(timeline.sinceJvmStartMillis()).isGreaterThanOrEqualTo(before + 20);
  }
}
