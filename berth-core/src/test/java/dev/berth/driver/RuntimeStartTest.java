package dev.berth.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The whole Start rule: which generation a start ends in and whether the Sandbox is patched. */
class RuntimeStartTest {

  private static final RuntimeStart.Guard PASS = s -> {};

  private static StoredSandbox sandbox(String generation, boolean running) {
    return new StoredSandbox(
        "sb-1", "ns", "uid-1", "team-a", List.of(), generation, running, Optional.empty());
  }

  private static RuntimeStart.Rotate rotate(String requested) {
    return new RuntimeStart.Rotate(Optional.ofNullable(requested), "fresh", Optional.empty(), PASS);
  }

  @Test
  void g1KeepsTheGenerationAndAlwaysPatchesAsBefore() throws Exception {
    assertThat(RuntimeStart.decide(sandbox("0", true), new RuntimeStart.Keep(PASS)))
        .isEqualTo(new RuntimeStart.Decision("0", false, true));
    assertThat(RuntimeStart.decide(sandbox("abc", false), new RuntimeStart.Keep(PASS)))
        .isEqualTo(new RuntimeStart.Decision("abc", false, true));
  }

  @Test
  void aStoppedSandboxTakesTheNamedOrAFreshGeneration() throws Exception {
    assertThat(RuntimeStart.decide(sandbox("old", false), rotate("g7")))
        .isEqualTo(new RuntimeStart.Decision("g7", true, true));
    assertThat(RuntimeStart.decide(sandbox("old", false), rotate(null)))
        .isEqualTo(new RuntimeStart.Decision("fresh", true, true));
  }

  @Test
  void aRetryOfTheSameStartReturnsTheSameGeneration() throws Exception {
    assertThat(RuntimeStart.decide(sandbox("g7", true), rotate("g7")))
        .isEqualTo(new RuntimeStart.Decision("g7", false, false));
    // A retry after the patch was lost makes sure the sandbox runs, without a new generation.
    assertThat(RuntimeStart.decide(sandbox("g7", false), rotate("g7")))
        .isEqualTo(new RuntimeStart.Decision("g7", false, true));
  }

  @Test
  void aRunningSandboxKeepsItsGenerationUnlessANewOneIsDemanded() throws Exception {
    assertThat(RuntimeStart.decide(sandbox("g7", true), rotate(null)))
        .isEqualTo(new RuntimeStart.Decision("g7", false, false));
    DriverException e =
        catchThrowableOfType(
            DriverException.class, () -> RuntimeStart.decide(sandbox("g7", true), rotate("g8")));
    assertThat(e.kind()).isEqualTo(DriverException.Kind.FAILED_PRECONDITION);
    assertThat(e.getMessage())
        .isEqualTo(
            "sandbox sb-1 is running runtime generation g7; a running pod cannot take generation"
                + " g8, so stop the sandbox first");
  }

  @Test
  void theExpectedIdentityMustNameThisSandboxWhateverItsGeneration() throws Exception {
    RuntimeStart same =
        new RuntimeStart.Rotate(
            Optional.of("g8"),
            "fresh",
            Optional.of(new RuntimeIdentity("ns", "uid-1", "any-old-generation")),
            PASS);
    assertThat(RuntimeStart.decide(sandbox("g7", false), same).generation()).isEqualTo("g8");

    RuntimeStart recreated =
        new RuntimeStart.Rotate(
            Optional.of("g8"),
            "fresh",
            Optional.of(new RuntimeIdentity("ns", "uid-0", "g7")),
            PASS);
    DriverException e =
        catchThrowableOfType(
            DriverException.class, () -> RuntimeStart.decide(sandbox("g7", false), recreated));
    assertThat(e.kind()).isEqualTo(DriverException.Kind.FAILED_PRECONDITION);
    assertThat(e.getMessage())
        .isEqualTo(
            "expected_runtime_identity names Sandbox uid-0 in namespace ns, but sandbox sb-1 is"
                + " Sandbox uid-1 in namespace ns; it was deleted and recreated since, so create it"
                + " again through the gateway");
  }

  @Test
  void theGuardRunsBeforeAnythingIsDecidedAndCanStopIt() {
    AtomicInteger checked = new AtomicInteger();
    RuntimeStart.Guard refuse =
        s -> {
          checked.incrementAndGet();
          throw new DriverException(DriverException.Kind.FAILED_PRECONDITION, "no");
        };
    DriverException e =
        catchThrowableOfType(
            DriverException.class,
            () ->
                RuntimeStart.decide(
                    sandbox("0", false),
                    new RuntimeStart.Rotate(Optional.empty(), "f", Optional.empty(), refuse)));
    assertThat(e.getMessage()).isEqualTo("no");
    assertThat(checked).hasValue(1);
  }
}
