package dev.berth.validate;

import dev.berth.config.Quote;
import dev.berth.naming.ContainerPaths;
import dev.berth.naming.Generation;
import dev.berth.naming.LabelRules;
import dev.berth.plan.AgentPlan;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The agent container's image, process, environment and the template's labels. */
final class AgentRules {

  private AgentRules() {}

  static AgentPlan check(
      SandboxRequest request,
      DriverSettings settings,
      Generation generation,
      List<Violation> sink) {
    SandboxSpec spec = request.spec();
    SandboxTemplate template = spec.template();

    String image = template.image().isEmpty() ? settings.images().sandboxImage() : template.image();
    Texts.image(
        RequestFields.IMAGE,
        image,
        "set spec.template.image or start the driver with --sandbox-image.",
        sink);

    Map<String, String> environment = new TreeMap<>();
    environment(
        RequestFields.TEMPLATE_ENVIRONMENT, template.environment(), generation, environment, sink);
    environment(RequestFields.ENVIRONMENT, spec.environment(), generation, environment, sink);

    for (int i = 0; i < spec.command().size(); i++) {
      Texts.noNul(RequestFields.COMMAND + "[" + i + "]", spec.command().get(i), "arguments", sink);
    }

    Optional<String> logLevel = Optional.of(spec.logLevel()).filter(l -> !l.isEmpty());
    logLevel.ifPresent(
        level -> {
          if (Texts.hasWhitespaceOrControl(level)) {
            sink.add(
                new Violation(
                    RequestFields.LOG_LEVEL,
                    Quote.of(level)
                        + " is not a log level; use trace, debug, info, warn or error."));
          }
        });

    Optional<String> socket = Optional.empty();
    if (!template.agentSocketPath().isEmpty()) {
      Result<String> check = ContainerPaths.normalizeAbsolute(template.agentSocketPath());
      socket = check.asOptional();
      check
          .problem()
          .ifPresent(
              p ->
                  sink.add(
                      new Violation(
                          RequestFields.AGENT_SOCKET_PATH,
                          Quote.of(template.agentSocketPath()) + " " + p + ".")));
    }

    labels(template.labels(), sink);

    Optional<Long> gpu = spec.gpu().map(g -> g.effectiveCount());
    gpu.ifPresent(
        count -> {
          if (count <= 0) {
            sink.add(
                new Violation(
                    RequestFields.GPU_COUNT,
                    "is "
                        + count
                        + "; ask for at least 1 GPU, or leave the gpu requirement out for a"
                        + " CPU-only sandbox."));
          }
        });

    return new AgentPlan(
        image,
        settings.images().sandboxImagePullPolicy(),
        environment,
        logLevel,
        spec.command(),
        spec.tty(),
        spec.awaitMainProcessAttachment(),
        socket,
        gpu);
  }

  private static void environment(
      String field,
      Map<String, String> source,
      Generation generation,
      Map<String, String> into,
      List<Violation> sink) {
    source.forEach(
        (name, value) -> {
          String path = RequestFields.entry(field, name);
          Texts.envName(path, name, sink);
          Texts.notReserved(path, name, generation, sink);
          Texts.noNul(path, value, "values", sink);
          into.put(name, value);
        });
  }

  private static void labels(Map<String, String> labels, List<Violation> sink) {
    labels.forEach(
        (key, value) -> {
          String path = RequestFields.entry(RequestFields.LABELS, key);
          LabelRules.qualifiedName(key)
              .problem()
              .ifPresent(
                  problem ->
                      sink.add(
                          new Violation(
                              path,
                              "label key " + Quote.of(key) + " is not valid: " + problem + ".")));
          MetadataRules.notOwned(path, key, "label", sink);
          if (!LabelRules.isLabelValue(value)) {
            sink.add(
                new Violation(
                    path,
                    "label value "
                        + Quote.of(value)
                        + " is not valid; use at most 63 letters, digits, '-', '_' or '.',"
                        + " starting and ending with a letter or digit."));
          }
        });
  }
}
