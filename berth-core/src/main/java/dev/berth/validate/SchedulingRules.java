package dev.berth.validate;

import static dev.berth.config.ConfigFields.EFFECT;
import static dev.berth.config.ConfigFields.KEY;
import static dev.berth.config.ConfigFields.NODE_SELECTOR;
import static dev.berth.config.ConfigFields.OPERATOR;
import static dev.berth.config.ConfigFields.POD;
import static dev.berth.config.ConfigFields.PRIORITY_CLASS_NAME;
import static dev.berth.config.ConfigFields.ROOT;
import static dev.berth.config.ConfigFields.RUNTIME_CLASS_NAME;
import static dev.berth.config.ConfigFields.TOLERATION_SECONDS;
import static dev.berth.config.ConfigFields.VALUE;

import dev.berth.config.DriverConfig;
import dev.berth.config.DriverConfig.Toleration;
import dev.berth.config.PlatformConfig;
import dev.berth.config.PlatformConfigParser;
import dev.berth.config.Quote;
import dev.berth.naming.Dns1123;
import dev.berth.naming.LabelRules;
import dev.berth.plan.SchedulingPlan;
import dev.berth.plan.SchedulingPlan.PlannedToleration;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Node placement, runtime and priority class, user namespaces, pod labels and annotations. */
final class SchedulingRules {

  private static final String POD_PATH = ROOT + "." + POD;
  private static final String PLATFORM_PATH = PlatformConfigParser.PATH;
  private static final Set<String> OPERATORS = Set.of("Exists", "Equal");
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  private SchedulingRules() {}

  static SchedulingPlan check(
      Map<String, String> templateLabels,
      Optional<Boolean> userNamespacesRequested,
      PlatformConfig platform,
      DriverConfig.Pod pod,
      DriverSettings settings,
      List<Violation> sink) {
    Map<String, String> nodeSelector = new LinkedHashMap<>(platform.nodeSelector());
    platform
        .nodeSelector()
        .forEach((key, value) -> labelEntry(PLATFORM_PATH + "." + NODE_SELECTOR, key, value, sink));
    platform
        .runtimeClassName()
        .ifPresent(
            n -> subdomain(PLATFORM_PATH + "." + RUNTIME_CLASS_NAME, n, "runtime class", sink));
    MetadataRules.annotations(
        PLATFORM_PATH + "." + PlatformConfigParser.ANNOTATIONS, platform.annotations(), sink);
    pod.nodeSelector()
        .forEach(
            (key, value) -> {
              labelEntry(POD_PATH + "." + NODE_SELECTOR, key, value, sink);
              // The platform's placement wins; the user's entries only fill gaps.
              nodeSelector.putIfAbsent(key, value);
            });

    // The platform's tolerations come first and are held to the same rules as the user's.
    List<PlannedToleration> tolerations = new ArrayList<>();
    for (Toleration t : concat(platform.tolerations(), pod.tolerations())) {
      List<Violation> problems = toleration(t);
      sink.addAll(problems);
      if (problems.isEmpty()) {
        tolerations.add(
            new PlannedToleration(
                t.key(), t.operator(), t.value(), t.effect(), t.tolerationSeconds()));
      }
    }

    pod.runtimeClassName()
        .ifPresent(n -> subdomain(POD_PATH + "." + RUNTIME_CLASS_NAME, n, "runtime class", sink));
    pod.priorityClassName()
        .ifPresent(n -> subdomain(POD_PATH + "." + PRIORITY_CLASS_NAME, n, "priority class", sink));
    Optional<String> runtimeClass =
        platform
            .runtimeClassName()
            .or(() -> pod.runtimeClassName().filter(n -> !n.isEmpty()))
            .or(() -> settings.workspace().defaultRuntimeClassName());

    boolean userNamespaces =
        platform
            .hostUsers()
            .map(hostUsers -> !hostUsers)
            .orElse(settings.podIdentity().enableUserNamespaces());

    return new SchedulingPlan(
        nodeSelector,
        tolerations,
        runtimeClass,
        pod.priorityClassName().filter(n -> !n.isEmpty()),
        userNamespaces,
        templateLabels,
        platform.annotations());
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<Violation> toleration(Toleration t) {
    List<Violation> problems = new ArrayList<>();
    String operator = t.operator().orElse("Equal");
    t.operator()
        .filter(o -> !OPERATORS.contains(o))
        .ifPresent(
            o ->
                problems.add(
                    new Violation(
                        t.path() + "." + OPERATOR,
                        Quote.of(o) + " is not an operator; use 'Equal' or 'Exists'.")));
    String key = t.key().orElse("");
    if (key.isEmpty() && !operator.equals("Exists")) {
      problems.add(
          new Violation(
              t.path() + "." + KEY,
              "is required unless operator is 'Exists' (which then tolerates every taint)."));
    }
    if (!key.isEmpty()) {
      LabelRules.qualifiedName(key)
          .problem()
          .ifPresent(
              p ->
                  problems.add(
                      new Violation(
                          t.path() + "." + KEY,
                          Quote.of(key) + " is not a valid taint key: " + p + ".")));
    }
    if (operator.equals("Exists") && t.value().filter(v -> !v.isEmpty()).isPresent()) {
      problems.add(
          new Violation(
              t.path() + "." + VALUE,
              "must be empty when operator is 'Exists'; remove it or use 'Equal'."));
    }
    t.value()
        .filter(v -> !LabelRules.isLabelValue(v))
        .ifPresent(
            v ->
                problems.add(
                    new Violation(
                        t.path() + "." + VALUE, Quote.of(v) + " is not a valid taint value.")));
    t.effect()
        .filter(e -> !e.isEmpty() && !EFFECTS.contains(e))
        .ifPresent(
            e ->
                problems.add(
                    new Violation(
                        t.path() + "." + EFFECT,
                        Quote.of(e)
                            + " is not an effect; use 'NoSchedule', 'PreferNoSchedule' or 'NoExecute', or leave it out for all.")));
    if (t.tolerationSeconds().isPresent() && !t.effect().orElse("").equals("NoExecute")) {
      problems.add(
          new Violation(
              t.path() + "." + TOLERATION_SECONDS,
              "applies only with effect 'NoExecute'; remove it or set effect: NoExecute."));
    }
    return problems;
  }

  private static void labelEntry(String base, String key, String value, List<Violation> sink) {
    String path = RequestFields.entry(base, key);
    LabelRules.qualifiedName(key)
        .problem()
        .ifPresent(
            p ->
                sink.add(
                    new Violation(
                        path, "label key " + Quote.of(key) + " is not valid: " + p + ".")));
    if (!LabelRules.isLabelValue(value)) {
      sink.add(
          new Violation(
              path,
              "label value "
                  + Quote.of(value)
                  + " is not valid; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."));
    }
  }

  private static void subdomain(String field, String value, String what, List<Violation> sink) {
    if (!value.isEmpty() && !Dns1123.isSubdomain(value)) {
      sink.add(
          new Violation(
              field,
              Quote.of(value)
                  + " is not a valid "
                  + what
                  + " name: "
                  + Dns1123.SUBDOMAIN_RULE
                  + "."));
    }
  }
}
