package dev.berth.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.driver.DriverException.Kind;
import dev.berth.driver.SandboxAuthentication.Owner;
import dev.berth.driver.SandboxAuthentication.Pod;
import dev.berth.driver.SandboxAuthentication.Review;
import dev.berth.naming.Generation;
import dev.berth.settings.DriverSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A credential, its pod and its Sandbox as the cluster answers for a real sandbox, then one change
 * at a time, each with its code and exact sentence.
 */
class SandboxAuthenticationTest {

  private static final DriverSettings SETTINGS =
      DriverSettings.fromMap(
              Map.of(
                  "OPENSHELL_SANDBOX_NAMESPACE", "agents",
                  "OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT", "sandbox",
                  "OPENSHELL_GATEWAY_ID", "gw1"))
          .orElseThrow();

  /** Everything the three reads return for pod team-a--demo of sandbox sb-1. */
  private record Answers(
      Review review, Optional<Pod> pod, Optional<SandboxAuthentication.Sandbox> sandbox) {}

  private static Review review() {
    return new Review(
        true,
        List.of("openshell-gateway"),
        Optional.of("system:serviceaccount:agents:sandbox"),
        Map.of(
            SandboxAuthentication.EXTRA_POD_NAME, List.of("team-a--demo"),
            SandboxAuthentication.EXTRA_POD_UID, List.of("pod-uid")));
  }

  private static Pod pod() {
    return new Pod(
        "pod-uid",
        Map.of("openshell.ai/sandbox-id", "sb-1", "openshell.ai/managed-by", "openshell"),
        Map.of("openshell.io/sandbox-id", "sb-1", "openshell.ai/sandbox-runtime-generation", "g7"),
        List.of(new Owner("agents.x-k8s.io/v1beta1", "Sandbox", "team-a--demo", "sb-uid", true)));
  }

  private static SandboxAuthentication.Sandbox sandbox() {
    return new SandboxAuthentication.Sandbox(
        "sb-uid",
        Map.of(
            "openshell.ai/sandbox-id", "sb-1",
            "openshell.ai/managed-by", "openshell",
            "openshell.ai/gateway-id", "gw1"),
        "team-a--demo");
  }

  private static Answers valid() {
    return new Answers(review(), Optional.of(pod()), Optional.of(sandbox()));
  }

  private static AuthenticatedSandbox run(Answers a, Generation g) throws DriverException {
    SandboxAuthentication.PodRef ref = SandboxAuthentication.reviewed(a.review(), g, SETTINGS);
    SandboxAuthentication.Binding binding = SandboxAuthentication.bound(ref, a.pod());
    return SandboxAuthentication.owned(binding, a.sandbox(), SETTINGS);
  }

  @Test
  void theSandboxPodIsAuthenticatedAsItsRuntime() throws Exception {
    AuthenticatedSandbox result = run(valid(), Generation.G2);
    assertThat(result.sandboxId()).isEqualTo("sb-1");
    assertThat(result.identity().value()).isEqualTo("kubernetes://agents/sb-uid/g7");
  }

  private static Answers withReview(UnaryOperator<Review> change) {
    return new Answers(change.apply(review()), Optional.of(pod()), Optional.of(sandbox()));
  }

  private static Answers withPod(Pod pod) {
    return new Answers(review(), Optional.of(pod), Optional.of(sandbox()));
  }

  private static Answers withOwner(Owner owner) {
    Pod p = pod();
    return withPod(new Pod(p.uid(), p.labels(), p.annotations(), List.of(owner)));
  }

  private static Answers withSandbox(String uid, Map<String, String> labels, String podName) {
    return new Answers(
        review(),
        Optional.of(pod()),
        Optional.of(new SandboxAuthentication.Sandbox(uid, labels, podName)));
  }

  private static Review extra(String key, List<String> values) {
    Map<String, List<String>> extra = new HashMap<>(review().extra());
    if (values == null) {
      extra.remove(key);
    } else {
      extra.put(key, values);
    }
    return new Review(true, review().audiences(), review().username(), extra);
  }

  private static Review user(String name) {
    return new Review(true, review().audiences(), Optional.ofNullable(name), review().extra());
  }

  static Stream<Arguments> refused() {
    Pod p = pod();
    return Stream.of(
        bad(
            withReview(r -> new Review(false, r.audiences(), r.username(), r.extra())),
            Kind.UNAUTHENTICATED,
            "the sandbox credential was not accepted by the Kubernetes API"),
        bad(
            withReview(r -> new Review(true, List.of("ryno-gateway"), r.username(), r.extra())),
            Kind.UNAUTHENTICATED,
            "the sandbox credential is not meant for audience 'openshell-gateway'"),
        bad(
            withReview(r -> user(null)),
            Kind.PERMISSION_DENIED,
            "the sandbox credential does not belong to a service account"),
        bad(
            withReview(r -> user("alice")),
            Kind.PERMISSION_DENIED,
            "the sandbox credential does not belong to a service account"),
        bad(
            withReview(r -> user("system:serviceaccount:agents")),
            Kind.PERMISSION_DENIED,
            "the sandbox credential names no valid service account"),
        bad(
            withReview(r -> user("system:serviceaccount:agents:default")),
            Kind.PERMISSION_DENIED,
            "the sandbox credential belongs to service account 'default', not to the sandbox"
                + " service account 'sandbox' (--sandbox-service-account)"),
        bad(
            withReview(r -> user("system:serviceaccount:other:sandbox")),
            Kind.PERMISSION_DENIED,
            "namespace 'other' is not one this driver runs sandboxes in"),
        bad(
            withReview(r -> extra(SandboxAuthentication.EXTRA_POD_UID, null)),
            Kind.PERMISSION_DENIED,
            "the sandbox credential is not bound to a pod; sandboxes present a projected service"
                + " account token"),
        bad(
            withReview(r -> extra(SandboxAuthentication.EXTRA_POD_NAME, List.of("a", "b"))),
            Kind.PERMISSION_DENIED,
            "the sandbox credential's pod binding is not exactly one pod name and UID"),
        bad(
            new Answers(review(), Optional.empty(), Optional.of(sandbox())),
            Kind.PERMISSION_DENIED,
            "the credential's pod 'team-a--demo' in namespace 'agents' no longer exists"),
        bad(
            withPod(new Pod("other-uid", p.labels(), p.annotations(), p.owners())),
            Kind.PERMISSION_DENIED,
            "the credential was issued to an earlier pod 'team-a--demo' in namespace 'agents'"
                + " (its UID differs)"),
        bad(
            withPod(new Pod(p.uid(), p.labels(), Map.of(), p.owners())),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' in namespace 'agents' is not bound to a sandbox (no"
                + " openshell.io/sandbox-id)"),
        bad(
            withPod(
                new Pod(
                    p.uid(),
                    Map.of("openshell.ai/sandbox-id", "sb-2"),
                    p.annotations(),
                    p.owners())),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' in namespace 'agents' carries two different sandbox ids"),
        bad(
            withPod(new Pod(p.uid(), p.labels(), p.annotations(), List.of())),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' in namespace 'agents' is not owned by exactly one Sandbox"),
        bad(
            withOwner(new Owner("agents.x-k8s.io/v9", "Sandbox", "team-a--demo", "sb-uid", true)),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' in namespace 'agents' is not owned by exactly one Sandbox"),
        bad(
            withOwner(
                new Owner("agents.x-k8s.io/v1alpha1", "Sandbox", "team-a--demo", "sb-uid", false)),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' in namespace 'agents' is not run by its Sandbox the way a sandbox"
                + " pod is"),
        bad(
            new Answers(review(), Optional.of(pod()), Optional.empty()),
            Kind.PERMISSION_DENIED,
            "the Sandbox 'team-a--demo' that owns pod 'team-a--demo' is gone"),
        bad(
            withSandbox("new-uid", sandbox().labels(), "team-a--demo"),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' does not match the Sandbox 'team-a--demo' that owns it"),
        bad(
            withSandbox(
                "sb-uid",
                Map.of(
                    "openshell.ai/sandbox-id", "sb-1",
                    "openshell.ai/managed-by", "openshell",
                    "openshell.ai/gateway-id", "another-gateway"),
                "team-a--demo"),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' does not match the Sandbox 'team-a--demo' that owns it"),
        bad(
            withSandbox("sb-uid", sandbox().labels(), "team-a--demo-x"),
            Kind.PERMISSION_DENIED,
            "pod 'team-a--demo' is not the pod its Sandbox runs"));
  }

  private static Arguments bad(Answers answers, Kind kind, String sentence) {
    return arguments(answers, kind, sentence);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void eachBrokenLinkIsRefusedWithOneSentence(Answers answers, Kind kind, String sentence) {
    DriverException e =
        catchThrowableOfType(DriverException.class, () -> run(answers, Generation.G2));
    assertThat(e).as("should be refused").isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).isEqualTo(sentence);
  }

  @Test
  void aG3CredentialNeedsTheRynoAudience() throws Exception {
    DriverException e =
        catchThrowableOfType(DriverException.class, () -> run(valid(), Generation.G3));
    assertThat(e.getMessage())
        .isEqualTo("the sandbox credential is not meant for audience 'ryno-gateway'");
    Answers ryno =
        withReview(r -> new Review(true, List.of("ryno-gateway"), r.username(), r.extra()));
    assertThat(run(ryno, Generation.G3).sandboxId()).isEqualTo("sb-1");
  }

  @Test
  void managedModeServesItsOwnNamespacesOnly() throws Exception {
    DriverSettings managed =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_WORKSPACE_MODE", "managed",
                    "OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT", "sandbox",
                    "OPENSHELL_GATEWAY_ID", "gw1"))
            .orElseThrow();
    Review inManaged =
        new Review(
            true,
            List.of("openshell-gateway"),
            Optional.of("system:serviceaccount:openshell-gw1-team-a:sandbox"),
            review().extra());
    assertThat(SandboxAuthentication.reviewed(inManaged, Generation.G2, managed).namespace())
        .isEqualTo("openshell-gw1-team-a");
    Review otherGateway =
        new Review(
            true,
            List.of("openshell-gateway"),
            Optional.of("system:serviceaccount:openshell-gw2-team-a:sandbox"),
            review().extra());
    assertThat(
            catchThrowableOfType(
                    DriverException.class,
                    () -> SandboxAuthentication.reviewed(otherGateway, Generation.G2, managed))
                .kind())
        .isEqualTo(Kind.PERMISSION_DENIED);
  }

  @Test
  void aPodOfASandboxCreatedForG1IsGenerationZero() throws Exception {
    Pod p = pod();
    Map<String, String> annotations = Map.of("openshell.io/sandbox-id", "sb-1");
    Answers g1 = withPod(new Pod(p.uid(), p.labels(), annotations, p.owners()));
    assertThat(run(g1, Generation.G2).identity().value()).isEqualTo("kubernetes://agents/sb-uid/0");
  }

  /** The supervisor pod of a two-pod sandbox as Berth creates it for {@code g}. */
  private static Answers supervisor(Generation g, String name, boolean controller) {
    String prefix = g.labelPrefix();
    Pod p =
        new Pod(
            "pod-uid",
            Map.of(
                prefix + "sandbox-id", "sb-1",
                prefix + "boundary-role", "supervisor",
                prefix + "boundary-pair", "sb-1"),
            Map.of(prefix + "sandbox-id", "sb-1", prefix + "sandbox-runtime-generation", "g9"),
            List.of(
                new Owner(
                    "agents.x-k8s.io/v1beta1", "Sandbox", "team-a--demo", "sb-uid", controller)));
    Review r = extra(SandboxAuthentication.EXTRA_POD_NAME, List.of(name));
    return new Answers(
        new Review(true, List.of(g.tokenAudience()), r.username(), r.extra()),
        Optional.of(p),
        Optional.of(sandbox()));
  }

  private static AuthenticatedSandbox runFor(Answers a, Generation g) throws DriverException {
    SandboxAuthentication.PodRef ref = SandboxAuthentication.reviewed(a.review(), g, SETTINGS);
    return SandboxAuthentication.owned(
        SandboxAuthentication.bound(ref, a.pod(), g), a.sandbox(), SETTINGS);
  }

  @Test
  void aTwoPodSandboxAuthenticatesThroughItsSupervisorPod() throws Exception {
    for (Generation g : List.of(Generation.G2, Generation.G3)) {
      AuthenticatedSandbox result = runFor(supervisor(g, "os-supervisor-sb-1", false), g);
      assertThat(result.sandboxId()).isEqualTo("sb-1");
      assertThat(result.identity().value()).isEqualTo("kubernetes://agents/sb-uid/g9");
    }
    // Named otherwise, or controlled by the Sandbox, it is not the supervisor Berth made.
    assertThat(
            catchThrowableOfType(
                    DriverException.class,
                    () ->
                        runFor(
                            supervisor(Generation.G2, "os-supervisor-other", false), Generation.G2))
                .kind())
        .isEqualTo(Kind.PERMISSION_DENIED);
    assertThat(
            catchThrowableOfType(
                    DriverException.class,
                    () ->
                        runFor(
                            supervisor(Generation.G2, "os-supervisor-sb-1", true), Generation.G2))
                .kind())
        .isEqualTo(Kind.PERMISSION_DENIED);
  }

  @Test
  void aTwoPodSandboxsWorkloadPodNeverAuthenticates() {
    Pod p = pod();
    Map<String, String> labels = new HashMap<>(p.labels());
    labels.put("openshell.ai/boundary-role", "workload");
    Answers workload = withPod(new Pod(p.uid(), labels, p.annotations(), p.owners()));
    DriverException e =
        catchThrowableOfType(DriverException.class, () -> runFor(workload, Generation.G2));
    assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
    assertThat(e.getMessage()).contains("workload").contains("supervisor pod authenticates");
  }

  @Test
  void theCredentialNeverShowsItself() {
    assertThat(SandboxCredential.of("eyJhbGciOi.secret").toString())
        .doesNotContain("secret")
        .isEqualTo("SandboxCredential[redacted]");
  }
}
