package dev.berth.kubernetes.doctor;

import dev.berth.naming.Generation;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.security.Finding;
import dev.berth.security.JudgedPod;
import dev.berth.security.PodSecurityReport;
import dev.berth.security.PssLevel;
import dev.berth.security.SandboxPodSecurity;
import dev.berth.settings.ContractSettings;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pods a sandbox namespace must admit for the generations this deployment serves, by pod shape:
 * the configured topology's single pod when a G1 gateway may call, and the workload and supervisor
 * pods of the two-pod shape when a G2 or G3 gateway may. A pinned generation narrows it to that
 * generation's shape. Each is judged by the Pod Security report {@code render --explain-security}
 * prints; nothing here knows a rule.
 */
final class NamespacePods {

  private NamespacePods() {}

  /**
   * One pod, or the single-pod shape's pods, as the check names it.
   *
   * @param pod the pod's report, named as the sentence calls it, e.g. {@code the two-pod (g3)
   *     supervisor pod}
   * @param plural whether the name stands for several pods
   * @param singlePod whether it is the configured topology's pod, which another topology replaces
   */
  record Judged(JudgedPod pod, boolean plural, boolean singlePod) {

    Judged(String label, boolean plural, PodSecurityReport report, boolean singlePod) {
      this(new JudgedPod(label, report), plural, singlePod);
    }

    String label() {
      return pod.name();
    }

    PssLevel level() {
      return pod.report().level();
    }

    boolean admittedAt(PssLevel enforced) {
      return pod.admittedAt(enforced);
    }

    /** {@code the combined pods Berth renders meet privileged}. */
    String meets() {
      return label() + (plural ? " meet " : " meets ") + level().value();
    }

    /** {@code the g3 supervisor pod: it meets only baseline (first: supervisor spec.x)}. */
    String refusal(PssLevel enforced) {
      return label()
          + (plural ? ": they meet only " : ": it meets only ")
          + level().value()
          + pod.firstRefused(enforced).map(NamespacePods::where).orElse("");
    }
  }

  private static String where(Finding f) {
    return " (first: " + f.scope() + " " + f.field() + ")";
  }

  /** The generations whose pods the namespace must admit: the pinned one, else all. */
  static List<Generation> served(DriverSettings settings) {
    return settings
        .contract()
        .pinnedGeneration()
        .map(List::of)
        .orElse(List.of(Generation.values()));
  }

  /** Every pod of every shape the served generations need, or why they could not be rendered. */
  static Result<List<Judged>> judge(DriverSettings settings) {
    List<Generation> served = served(settings);
    List<Judged> pods = new ArrayList<>();
    List<Violation> problems = new ArrayList<>();
    if (served.stream().anyMatch(g -> g.runtimeShape() == Generation.RuntimeShape.SINGLE_POD)) {
      Result<PodSecurityReport> single = SandboxPodSecurity.report(settings);
      problems.addAll(single.violations());
      single
          .asOptional()
          .ifPresent(
              r ->
                  pods.add(
                      new Judged(
                          "the " + settings.supervisor().topology().value() + " pods Berth renders",
                          true,
                          r,
                          true)));
    }
    List<Generation> twoPod =
        served.stream()
            .filter(g -> g.runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND)
            .toList();
    if (!twoPod.isEmpty()) {
      twoPodShape(settings, twoPod, pods, problems);
    }
    return Result.of(problems, () -> pods);
  }

  /**
   * The two-pod shape's pods once each: G2 and G3 render the same securityContexts in different
   * spellings, so each pod's weakest report among the generations stands for the shape.
   */
  private static void twoPodShape(
      DriverSettings settings,
      List<Generation> generations,
      List<Judged> pods,
      List<Violation> problems) {
    List<JudgedPod> weakest = new ArrayList<>();
    for (Generation g : generations) {
      Result<List<JudgedPod>> rendered = SandboxPodSecurity.isolationPods(settings, g);
      problems.addAll(rendered.violations());
      List<JudgedPod> judged = rendered.asOptional().orElse(List.of());
      for (int i = 0; i < judged.size(); i++) {
        if (i == weakest.size()) {
          weakest.add(judged.get(i));
        } else if (judged.get(i).report().level().ordinal()
            < weakest.get(i).report().level().ordinal()) {
          weakest.set(i, judged.get(i));
        }
      }
    }
    String shape =
        "the two-pod ("
            + generations.stream().map(Generation::value).collect(Collectors.joining(", "))
            + ") ";
    weakest.forEach(p -> pods.add(new Judged(shape + p.name(), false, p.report(), false)));
  }

  /**
   * The verdict on a namespace that enforces {@code enforced}: OK when it admits every pod, else a
   * failure naming each refused pod with its first offending field, and the fixes that would work.
   *
   * @param namespace the namespace's name
   * @param labelled how its enforce label reads ({@code enforce=baseline}, {@code no enforce
   *     label})
   */
  static CheckResult verdict(
      String check,
      String namespace,
      String labelled,
      PssLevel enforced,
      List<Judged> pods,
      DriverSettings settings) {
    List<Judged> refused = pods.stream().filter(p -> !p.admittedAt(enforced)).toList();
    if (refused.isEmpty()) {
      return CheckResult.ok(
          check,
          "namespace "
              + namespace
              + " exists ("
              + labelled
              + "); "
              + pods.stream().map(Judged::meets).collect(Collectors.joining(", "))
              + ".");
    }
    List<Judged> admitted = pods.stream().filter(p -> p.admittedAt(enforced)).toList();
    String found =
        "namespace "
            + namespace
            + " enforces "
            + enforced.value()
            + ", which refuses "
            + refused.stream().map(p -> p.refusal(enforced)).collect(Collectors.joining("; and "))
            + "."
            + (admitted.isEmpty()
                ? ""
                : " It admits "
                    + admitted.stream()
                        .map(p -> p.label() + " (" + p.level().value() + ")")
                        .collect(Collectors.joining(", "))
                    + ".");
    return CheckResult.fail(
        check,
        found,
        String.join(", or ", fixes(namespace, enforced, refused, admitted, settings)) + ".");
  }

  private static List<String> fixes(
      String namespace,
      PssLevel enforced,
      List<Judged> refused,
      List<Judged> admitted,
      DriverSettings settings) {
    List<String> fixes = new ArrayList<>();
    if (refused.stream().allMatch(Judged::singlePod)) {
      Topology topology = settings.supervisor().topology();
      // The two-pod topology follows the gateway's generation and is never configured.
      for (Topology other : List.of(Topology.COMBINED, Topology.SIDECAR)) {
        Result<PodSecurityReport> alt = SandboxPodSecurity.report(settings, other);
        if (other != topology
            && alt.isValid()
            && alt.orElseThrow().level().ordinal() >= enforced.ordinal()) {
          fixes.add("use --topology " + other.value() + ", whose pods meet " + enforced.value());
        }
      }
      if (admitted.stream().anyMatch(p -> !p.singlePod())) {
        fixes.add(
            "if no G1 gateway calls this driver, pin "
                + ContractSettings.GATEWAY_GENERATION.label()
                + " to g2 or g3, whose two-pod sandboxes it admits");
      }
    }
    PssLevel lowest =
        refused.stream()
            .map(Judged::level)
            .reduce(PssLevel.RESTRICTED, (a, b) -> a.ordinal() <= b.ordinal() ? a : b);
    fixes.add(
        "let the namespace admit them (kubectl label namespace "
            + namespace
            + " "
            + NamespaceCheck.ENFORCE
            + "="
            + lowest.value()
            + " --overwrite)");
    return fixes;
  }
}
