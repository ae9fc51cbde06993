package dev.berth.config;

import static dev.berth.config.ConfigFields.ADD;
import static dev.berth.config.ConfigFields.AGENT;
import static dev.berth.config.ConfigFields.ALLOW_PRIVILEGE_ESCALATION;
import static dev.berth.config.ConfigFields.CAPABILITIES;
import static dev.berth.config.ConfigFields.CONTAINERS;
import static dev.berth.config.ConfigFields.DROP;
import static dev.berth.config.ConfigFields.EFFECT;
import static dev.berth.config.ConfigFields.FS_GROUP;
import static dev.berth.config.ConfigFields.FS_GROUP_CHANGE_POLICY;
import static dev.berth.config.ConfigFields.KEY;
import static dev.berth.config.ConfigFields.LEVEL;
import static dev.berth.config.ConfigFields.LIMITS;
import static dev.berth.config.ConfigFields.LOCALHOST_PROFILE;
import static dev.berth.config.ConfigFields.MOUNT_PATH;
import static dev.berth.config.ConfigFields.NAME;
import static dev.berth.config.ConfigFields.NODE_SELECTOR;
import static dev.berth.config.ConfigFields.OPERATOR;
import static dev.berth.config.ConfigFields.PERSISTENT;
import static dev.berth.config.ConfigFields.POD;
import static dev.berth.config.ConfigFields.PRIORITY_CLASS_NAME;
import static dev.berth.config.ConfigFields.READ_ONLY;
import static dev.berth.config.ConfigFields.READ_ONLY_ROOT_FILESYSTEM;
import static dev.berth.config.ConfigFields.REQUESTS;
import static dev.berth.config.ConfigFields.RESOURCES;
import static dev.berth.config.ConfigFields.ROLE;
import static dev.berth.config.ConfigFields.ROOT;
import static dev.berth.config.ConfigFields.RUNTIME_CLASS_NAME;
import static dev.berth.config.ConfigFields.RUN_AS_GROUP;
import static dev.berth.config.ConfigFields.RUN_AS_NON_ROOT;
import static dev.berth.config.ConfigFields.RUN_AS_USER;
import static dev.berth.config.ConfigFields.SECCOMP_PROFILE;
import static dev.berth.config.ConfigFields.SECURITY_CONTEXT;
import static dev.berth.config.ConfigFields.SE_LINUX_OPTIONS;
import static dev.berth.config.ConfigFields.STORAGE_CLASS;
import static dev.berth.config.ConfigFields.STORAGE_SIZE;
import static dev.berth.config.ConfigFields.SUB_PATH;
import static dev.berth.config.ConfigFields.SUPPLEMENTAL_GROUPS;
import static dev.berth.config.ConfigFields.SYSCTLS;
import static dev.berth.config.ConfigFields.TOLERATIONS;
import static dev.berth.config.ConfigFields.TOLERATION_SECONDS;
import static dev.berth.config.ConfigFields.TYPE;
import static dev.berth.config.ConfigFields.USER;
import static dev.berth.config.ConfigFields.VALUE;
import static dev.berth.config.ConfigFields.VOLUMES;
import static dev.berth.config.ConfigFields.VOLUME_MOUNTS;
import static dev.berth.config.ConfigFields.WORKSPACE;

import dev.berth.config.DriverConfig.Agent;
import dev.berth.config.DriverConfig.ContainerSecurity;
import dev.berth.config.DriverConfig.Mount;
import dev.berth.config.DriverConfig.Pod;
import dev.berth.config.DriverConfig.PodSecurity;
import dev.berth.config.DriverConfig.SeLinux;
import dev.berth.config.DriverConfig.Seccomp;
import dev.berth.config.DriverConfig.Sysctl;
import dev.berth.config.DriverConfig.Toleration;
import dev.berth.config.DriverConfig.Volume;
import dev.berth.config.DriverConfig.Workspace;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code kubernetes} block strictly: snake_case fields only, every unknown field and
 * every wrong type is a violation, never ignored. Meaning (names, paths, security) is judged later
 * by the validator; this class only checks shape.
 */
public final class DriverConfigParser {

  private DriverConfigParser() {}

  /** Parses {@code node}; problems go to {@code sink}, and what could be read is returned. */
  public static DriverConfig parse(JsonNode node, List<Violation> sink) {
    if (node.isNull() || node.isMissingNode()) {
      return DriverConfig.EMPTY;
    }
    return JsonCursor.object(node, ROOT, sink)
        .map(
            root -> {
              Pod pod = root.object(POD).map(DriverConfigParser::pod).orElse(Pod.EMPTY);
              Agent agent =
                  root.object(CONTAINERS).map(DriverConfigParser::containers).orElse(Agent.EMPTY);
              List<Volume> volumes = new ArrayList<>();
              Result<List<JsonCursor.Element>> listed = root.list(VOLUMES);
              sink.addAll(listed.violations());
              List<JsonCursor.Element> elements = listed.asOptional().orElse(List.of());
              boolean complete = listed.isValid();
              for (JsonCursor.Element e : elements) {
                Optional<JsonCursor> v = JsonCursor.object(e.node(), e.path(), sink);
                v.ifPresent(cursor -> volumes.add(VolumeParser.volume(cursor)));
                complete &= v.isPresent();
              }
              Workspace workspace =
                  root.object(WORKSPACE).map(DriverConfigParser::workspace).orElse(Workspace.EMPTY);
              root.finish();
              return new DriverConfig(pod, agent, volumes, complete, workspace);
            })
        .orElse(DriverConfig.EMPTY);
  }

  private static Pod pod(JsonCursor c) {
    Map<String, String> nodeSelector = c.stringMap(NODE_SELECTOR);
    List<Toleration> tolerations = new ArrayList<>();
    for (JsonCursor.Element e : c.array(TOLERATIONS)) {
      JsonCursor.object(e.node(), e.path(), c.sink())
          .ifPresent(
              t -> {
                tolerations.add(
                    new Toleration(
                        t.path(),
                        t.string(KEY),
                        t.string(OPERATOR),
                        t.string(VALUE),
                        t.string(EFFECT),
                        t.integer(TOLERATION_SECONDS)));
                t.finish();
              });
    }
    Optional<String> runtimeClass = c.string(RUNTIME_CLASS_NAME);
    Optional<String> priorityClass = c.string(PRIORITY_CLASS_NAME);
    Optional<PodSecurity> security =
        c.object(SECURITY_CONTEXT).map(DriverConfigParser::podSecurity);
    c.finish();
    return new Pod(nodeSelector, tolerations, runtimeClass, priorityClass, security);
  }

  private static PodSecurity podSecurity(JsonCursor c) {
    List<Sysctl> sysctls = new ArrayList<>();
    for (JsonCursor.Element e : c.array(SYSCTLS)) {
      JsonCursor.object(e.node(), e.path(), c.sink())
          .ifPresent(
              s -> {
                sysctls.add(new Sysctl(s.path(), s.string(NAME), s.string(VALUE)));
                s.finish();
              });
    }
    PodSecurity out =
        new PodSecurity(
            c.path(),
            c.integer(FS_GROUP),
            c.string(FS_GROUP_CHANGE_POLICY),
            c.integers(SUPPLEMENTAL_GROUPS),
            c.integer(RUN_AS_USER),
            c.integer(RUN_AS_GROUP),
            c.bool(RUN_AS_NON_ROOT),
            c.object(SECCOMP_PROFILE).map(DriverConfigParser::seccomp),
            c.object(SE_LINUX_OPTIONS).map(DriverConfigParser::seLinux),
            sysctls);
    c.finish();
    return out;
  }

  private static Agent containers(JsonCursor c) {
    Agent agent = c.object(AGENT).map(DriverConfigParser::agent).orElse(Agent.EMPTY);
    c.finish();
    return agent;
  }

  private static Agent agent(JsonCursor c) {
    Map<String, String> requests = Map.of();
    Map<String, String> limits = Map.of();
    Optional<JsonCursor> resources = c.object(RESOURCES);
    if (resources.isPresent()) {
      requests = resources.get().stringMap(REQUESTS);
      limits = resources.get().stringMap(LIMITS);
      resources.get().finish();
    }
    List<Mount> mounts = new ArrayList<>();
    for (JsonCursor.Element e : c.array(VOLUME_MOUNTS)) {
      JsonCursor.object(e.node(), e.path(), c.sink())
          .ifPresent(
              m -> {
                mounts.add(
                    new Mount(
                        m.path(),
                        m.string(NAME),
                        m.string(MOUNT_PATH),
                        m.string(SUB_PATH),
                        m.bool(READ_ONLY)));
                m.finish();
              });
    }
    Optional<ContainerSecurity> security =
        c.object(SECURITY_CONTEXT).map(DriverConfigParser::containerSecurity);
    c.finish();
    return new Agent(requests, limits, mounts, security);
  }

  private static ContainerSecurity containerSecurity(JsonCursor c) {
    List<String> drop = List.of();
    List<String> add = List.of();
    Optional<JsonCursor> caps = c.object(CAPABILITIES);
    if (caps.isPresent()) {
      drop = caps.get().strings(DROP);
      // Parsed so the validator can refuse it with a sentence about the topology, rather than a
      // bare "unknown field".
      add = caps.get().strings(ADD);
      caps.get().finish();
    }
    ContainerSecurity out =
        new ContainerSecurity(
            c.path(),
            c.bool(READ_ONLY_ROOT_FILESYSTEM),
            c.integer(RUN_AS_USER),
            c.integer(RUN_AS_GROUP),
            c.bool(RUN_AS_NON_ROOT),
            c.object(SECCOMP_PROFILE).map(DriverConfigParser::seccomp),
            c.object(SE_LINUX_OPTIONS).map(DriverConfigParser::seLinux),
            drop,
            add,
            c.bool(ALLOW_PRIVILEGE_ESCALATION));
    c.finish();
    return out;
  }

  private static Seccomp seccomp(JsonCursor c) {
    Seccomp out = new Seccomp(c.path(), c.string(TYPE), c.string(LOCALHOST_PROFILE));
    c.finish();
    return out;
  }

  private static SeLinux seLinux(JsonCursor c) {
    SeLinux out =
        new SeLinux(c.path(), c.string(USER), c.string(ROLE), c.string(TYPE), c.string(LEVEL));
    c.finish();
    return out;
  }

  private static Workspace workspace(JsonCursor c) {
    Workspace out =
        new Workspace(c.bool(PERSISTENT), c.string(STORAGE_SIZE), c.string(STORAGE_CLASS));
    c.finish();
    return out;
  }
}
