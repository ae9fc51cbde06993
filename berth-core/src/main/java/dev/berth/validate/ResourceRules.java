package dev.berth.validate;

import static dev.berth.config.ConfigFields.AGENT;
import static dev.berth.config.ConfigFields.CONTAINERS;
import static dev.berth.config.ConfigFields.LIMITS;
import static dev.berth.config.ConfigFields.REQUESTS;
import static dev.berth.config.ConfigFields.RESOURCES;
import static dev.berth.config.ConfigFields.ROOT;

import dev.berth.config.DriverConfig;
import dev.berth.config.PlatformConfig;
import dev.berth.config.PlatformConfigParser;
import dev.berth.config.Quote;
import dev.berth.naming.ManagedNames;
import dev.berth.naming.Quantities;
import dev.berth.naming.ResourceNames;
import dev.berth.plan.ResourcesPlan;
import dev.berth.request.ResourceRequests;
import dev.berth.result.Violation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Requests and limits of the agent container, merged in upstream's order: platform extras, typed
 * limits with each missing request mirrored from its limit, the GPU limit, then driver_config
 * entries that are not already set.
 */
final class ResourceRules {

  private static final String CPU = "cpu";
  private static final String MEMORY = "memory";
  private static final String RESOURCES_PATH =
      ROOT + "." + CONTAINERS + "." + AGENT + "." + RESOURCES;
  private static final String RAW_PATH =
      PlatformConfigParser.PATH + "." + PlatformConfigParser.RESOURCES_RAW;

  private ResourceRules() {}

  static ResourcesPlan check(
      ResourceRequests typed,
      Optional<Long> gpuCount,
      PlatformConfig platform,
      DriverConfig.Agent agent,
      List<Violation> sink) {
    Map<String, String> requests = new LinkedHashMap<>();
    Map<String, String> limits = new LinkedHashMap<>();
    // The platform's extras are held to the same rules as the user's; they come first.
    userEntries(RAW_PATH + "." + REQUESTS, platform.rawRequests(), requests, sink);
    userEntries(RAW_PATH + "." + LIMITS, platform.rawLimits(), limits, sink);

    typed(RequestFields.CPU_LIMIT, typed.cpuLimit(), sink).ifPresent(q -> limits.put(CPU, q));
    typed(RequestFields.MEMORY_LIMIT, typed.memoryLimit(), sink)
        .ifPresent(q -> limits.put(MEMORY, q));
    typed(RequestFields.CPU_REQUEST, typed.cpuRequest(), sink)
        .or(() -> Optional.of(typed.cpuLimit()).filter(Quantities::isValid))
        .ifPresent(q -> requests.put(CPU, q));
    typed(RequestFields.MEMORY_REQUEST, typed.memoryRequest(), sink)
        .or(() -> Optional.of(typed.memoryLimit()).filter(Quantities::isValid))
        .ifPresent(q -> requests.put(MEMORY, q));
    gpuCount
        .filter(c -> c > 0)
        .ifPresent(c -> limits.put(ManagedNames.GPU_RESOURCE, Long.toString(c)));

    userEntries(RESOURCES_PATH + "." + REQUESTS, agent.requests(), requests, sink);
    userEntries(RESOURCES_PATH + "." + LIMITS, agent.limits(), limits, sink);

    requests.forEach((name, request) -> pair(name, request, limits.get(name), sink));
    limits.forEach(
        (name, limit) -> {
          if (!requests.containsKey(name)) {
            whole(name, limit, sink);
          }
        });
    hugePagesNeedCpuOrMemory(requests, limits, sink);
    return new ResourcesPlan(requests, limits);
  }

  /**
   * Kubernetes' ValidateResourceRequirements: huge pages need a cpu or memory amount beside them
   * (it defaults requests from limits first, so either map counts).
   */
  private static void hugePagesNeedCpuOrMemory(
      Map<String, String> requests, Map<String, String> limits, List<Violation> sink) {
    boolean hugePages =
        Stream.concat(requests.keySet().stream(), limits.keySet().stream())
            .anyMatch(ResourceNames::isHugePages);
    boolean cpuOrMemory =
        Stream.of(CPU, MEMORY).anyMatch(n -> requests.containsKey(n) || limits.containsKey(n));
    if (hugePages && !cpuOrMemory) {
      sink.add(
          new Violation(
              RESOURCES_PATH,
              "huge pages are requested without a cpu or memory amount; Kubernetes refuses that,"
                  + " so set a cpu or memory request or limit too."));
    }
  }

  /** Kubernetes' ValidateResourceRequirements for one resource with a request. */
  private static void pair(String name, String request, String limit, List<Violation> sink) {
    whole(name, request, sink);
    if (limit == null) {
      if (!ResourceNames.overcommitAllowed(name)) {
        sink.add(
            new Violation(
                RESOURCES_PATH,
                "the "
                    + name
                    + " request "
                    + Quote.of(request)
                    + " has no limit; Kubernetes needs an equal limit for a resource that cannot"
                    + " be overcommitted, so set the limit (the request may then be left out)."));
      }
      return;
    }
    whole(name, limit, sink);
    BigDecimal r = Quantities.value(request).orElse(BigDecimal.ZERO);
    BigDecimal l = Quantities.value(limit).orElse(BigDecimal.ZERO);
    if (r.compareTo(l) > 0) {
      sink.add(
          new Violation(
              RESOURCES_PATH,
              "the "
                  + name
                  + " request "
                  + Quote.of(request)
                  + " is above its limit "
                  + Quote.of(limit)
                  + "; Kubernetes refuses that, so lower the request or raise the limit."));
    } else if (!ResourceNames.overcommitAllowed(name) && r.compareTo(l) != 0) {
      sink.add(
          new Violation(
              RESOURCES_PATH,
              "the "
                  + name
                  + " request "
                  + Quote.of(request)
                  + " differs from its limit "
                  + Quote.of(limit)
                  + "; extended resources cannot be overcommitted, so set only the limit."));
    }
  }

  /** Extended resources are counted in whole units. */
  private static void whole(String name, String amount, List<Violation> sink) {
    if (!ResourceNames.isExtended(name)) {
      return;
    }
    BigDecimal value = Quantities.value(amount).orElse(BigDecimal.ZERO);
    if (value.stripTrailingZeros().scale() > 0) {
      sink.add(
          new Violation(
              RESOURCES_PATH,
              "the "
                  + name
                  + " amount "
                  + Quote.of(amount)
                  + " is not a whole number; extended resources are counted in whole units."));
    }
  }

  private static Optional<String> typed(String field, String value, List<Violation> sink) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return quantity(field, value, sink);
  }

  private static Optional<String> quantity(String field, String value, List<Violation> sink) {
    Optional<BigDecimal> amount = Quantities.value(value);
    if (amount.isEmpty()) {
      sink.add(
          new Violation(
              field, Quote.of(value) + " is not a quantity; use " + Quantities.FORMAT + "."));
      return Optional.empty();
    }
    if (amount.get().signum() < 0) {
      sink.add(
          new Violation(field, Quote.of(value) + " is negative; resources must be 0 or more."));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static void userEntries(
      String base, Map<String, String> entries, Map<String, String> into, List<Violation> sink) {
    entries.forEach(
        (name, value) -> {
          String path = RequestFields.entry(base, name);
          Optional<String> problem = ResourceNames.check(name).problem();
          if (problem.isPresent()) {
            sink.add(
                new Violation(
                    path, Quote.of(name) + " is not a resource name: " + problem.get() + "."));
            return;
          }
          // Insert-if-absent: typed fields and the GPU count stay authoritative.
          quantity(path, value, sink).ifPresent(q -> into.putIfAbsent(name, q));
        });
  }
}
