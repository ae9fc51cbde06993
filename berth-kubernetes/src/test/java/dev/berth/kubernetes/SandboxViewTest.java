package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxViewTest {

  private static SupervisorState state(String uid, boolean available) {
    return new SupervisorState(
        "id-1", "os-supervisor-id-1", uid, "gen", available, false, available ? "" : "x", "");
  }

  @Test
  void theDeletionOfAReplacedSupervisorKeepsItsSuccessor() {
    SandboxView view = new SandboxView();
    SupervisorState first = state("uid-1", true);
    SupervisorState second = state("uid-2", false);
    view.putSupervisor(first);
    view.putSupervisor(second);

    assertThat(view.removeSupervisor(first)).isFalse();
    assertThat(view.supervisor("id-1")).contains(second);
    assertThat(view.removeSupervisor(second)).isTrue();
    assertThat(view.supervisor("id-1")).isEmpty();
  }
}
