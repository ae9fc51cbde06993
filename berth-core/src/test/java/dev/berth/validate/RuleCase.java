package dev.berth.validate;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One mutation of the valid baseline and the exact violations it must produce. */
record RuleCase(
    String name,
    Map<String, String> settings,
    Consumer<Mutable> mutation,
    List<Violation> expected) {

  static final String D = "driver_config.kubernetes.";

  static RuleCase of(String name, Consumer<Mutable> mutation, String field, String message) {
    return new RuleCase(name, Map.of(), mutation, List.of(new Violation(field, message)));
  }

  static RuleCase with(
      String name,
      Map<String, String> settings,
      Consumer<Mutable> mutation,
      String field,
      String message) {
    return new RuleCase(name, settings, mutation, List.of(new Violation(field, message)));
  }

  List<Violation> run() {
    Mutable m = new Mutable();
    mutation.accept(m);
    DriverSettings s = DriverSettings.fromMap(settings).orElseThrow();
    return SandboxValidator.validate(m.request(), s, ClusterFacts.DEFAULT).violations();
  }

  static SandboxPlan plan(Map<String, String> settings, Consumer<Mutable> mutation) {
    Mutable m = new Mutable();
    mutation.accept(m);
    DriverSettings s = DriverSettings.fromMap(settings).orElseThrow();
    return SandboxValidator.validate(m.request(), s, ClusterFacts.DEFAULT).orElseThrow();
  }

  @Override
  public String toString() {
    return name;
  }
}
