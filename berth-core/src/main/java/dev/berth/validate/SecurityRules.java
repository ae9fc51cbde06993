package dev.berth.validate;

import static dev.berth.config.ConfigFields.ADD;
import static dev.berth.config.ConfigFields.ALLOW_PRIVILEGE_ESCALATION;
import static dev.berth.config.ConfigFields.CAPABILITIES;
import static dev.berth.config.ConfigFields.DROP;
import static dev.berth.config.ConfigFields.FS_GROUP;
import static dev.berth.config.ConfigFields.FS_GROUP_CHANGE_POLICY;
import static dev.berth.config.ConfigFields.NAME;
import static dev.berth.config.ConfigFields.RUN_AS_GROUP;
import static dev.berth.config.ConfigFields.RUN_AS_NON_ROOT;
import static dev.berth.config.ConfigFields.RUN_AS_USER;
import static dev.berth.config.ConfigFields.SUPPLEMENTAL_GROUPS;
import static dev.berth.config.ConfigFields.VALUE;
import static dev.berth.naming.SecurityProfiles.SAFE_SYSCTLS;

import dev.berth.config.DriverConfig.ContainerSecurity;
import dev.berth.config.DriverConfig.PodSecurity;
import dev.berth.config.DriverConfig.SeLinux;
import dev.berth.config.DriverConfig.Seccomp;
import dev.berth.config.DriverConfig.Sysctl;
import dev.berth.config.Quote;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxUser;
import dev.berth.plan.SecurityPlan;
import dev.berth.plan.SecurityPlan.AgentOverrides;
import dev.berth.plan.SecurityPlan.PodOverrides;
import dev.berth.plan.SecurityPlan.SeLinuxChoice;
import dev.berth.plan.SecurityPlan.SeccompChoice;
import dev.berth.plan.SecurityPlan.SysctlSetting;
import dev.berth.result.Violation;
import dev.berth.settings.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Security-context overrides. They may only tighten what the driver sets, and never break what the
 * topology needs: the combined topology runs the supervisor as root in the agent container; the
 * sidecar topology runs the agent as the sandbox user with every capability dropped.
 */
final class SecurityRules {

  private static final Pattern CAPABILITY_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  /** Largest UID/GID the Kubernetes API accepts. */
  private static final long MAX_ID = 2147483647L;

  private static final Set<String> FS_GROUP_POLICIES = Set.of("OnRootMismatch", "Always");

  private SecurityRules() {}

  static SecurityPlan check(
      Optional<PodSecurity> pod,
      Optional<ContainerSecurity> agent,
      Topology topology,
      boolean userNamespaces,
      SandboxUser user,
      List<Violation> sink) {
    List<Violation> problems = new ArrayList<>();
    pod.ifPresent(p -> pod(p, topology, problems));
    agent.ifPresent(a -> agent(a, topology, userNamespaces, user, problems));
    sink.addAll(problems);
    if (!problems.isEmpty()) {
      // The request is invalid, so no plan is made from this; keep only what needs no checking.
      return SecurityPlan.of(user.uid(), user.gid());
    }
    // Every override passed its rule, so its required fields are present.
    return new SecurityPlan(
        user.uid(),
        user.gid(),
        pod.map(SecurityRules::podOverrides),
        agent.map(SecurityRules::agentOverrides));
  }

  private static PodOverrides podOverrides(PodSecurity p) {
    return new PodOverrides(
        p.fsGroup(),
        p.fsGroupChangePolicy(),
        p.supplementalGroups(),
        p.runAsUser(),
        p.runAsGroup(),
        p.runAsNonRoot(),
        p.seccompProfile().map(SecurityRules::seccomp),
        p.seLinuxOptions().map(SecurityRules::seLinux),
        p.sysctls().stream()
            .map(s -> new SysctlSetting(s.name().orElseThrow(), s.value().orElseThrow()))
            .toList());
  }

  private static AgentOverrides agentOverrides(ContainerSecurity c) {
    return new AgentOverrides(
        c.readOnlyRootFilesystem(),
        c.runAsUser(),
        c.runAsGroup(),
        c.runAsNonRoot(),
        c.seccompProfile().map(SecurityRules::seccomp),
        c.seLinuxOptions().map(SecurityRules::seLinux),
        c.capabilitiesDrop(),
        c.allowPrivilegeEscalation());
  }

  private static SeccompChoice seccomp(Seccomp s) {
    return new SeccompChoice(s.type().orElseThrow(), s.localhostProfile());
  }

  private static SeLinuxChoice seLinux(SeLinux s) {
    return new SeLinuxChoice(s.user(), s.role(), s.type(), s.level());
  }

  private static void pod(PodSecurity p, Topology topology, List<Violation> sink) {
    p.fsGroup().ifPresent(id -> id(p.path() + "." + FS_GROUP, id, sink));
    p.fsGroupChangePolicy()
        .filter(v -> !FS_GROUP_POLICIES.contains(v))
        .ifPresent(
            v ->
                sink.add(
                    new Violation(
                        p.path() + "." + FS_GROUP_CHANGE_POLICY,
                        Quote.of(v) + " is not a policy; use 'OnRootMismatch' or 'Always'.")));
    for (int i = 0; i < p.supplementalGroups().size(); i++) {
      id(p.path() + "." + SUPPLEMENTAL_GROUPS + "[" + i + "]", p.supplementalGroups().get(i), sink);
    }
    p.runAsUser()
        .ifPresent(
            uid -> {
              if (id(p.path() + "." + RUN_AS_USER, uid, sink) && uid == 0) {
                sink.add(
                    new Violation(
                        p.path() + "." + RUN_AS_USER,
                        "is 0 (root), which loosens rather than tightens the pod; leave it out or"
                            + " use a non-root UID."));
              }
            });
    p.runAsGroup().ifPresent(gid -> id(p.path() + "." + RUN_AS_GROUP, gid, sink));
    if (p.runAsNonRoot().orElse(false)) {
      String why =
          topology == Topology.COMBINED
              ? "the combined topology runs the OpenShell supervisor as root inside the agent"
                  + " container, so the pod cannot require non-root; use --topology sidecar to run"
                  + " the agent as the sandbox user"
              : "the sidecar topology's network-init container needs root to install the pod's"
                  + " firewall rules; set run_as_non_root under containers.agent.security_context"
                  + " instead";
      sink.add(new Violation(p.path() + "." + RUN_AS_NON_ROOT, "cannot be true: " + why + "."));
    }
    p.seccompProfile().ifPresent(s -> Profiles.seccomp(s, sink));
    p.seLinuxOptions().ifPresent(s -> Profiles.seLinux(s, sink));
    Map<String, String> firstByName = new HashMap<>();
    for (Sysctl s : p.sysctls()) {
      sysctl(s, sink);
      s.name()
          .ifPresent(
              name -> {
                String first = firstByName.putIfAbsent(name, s.path());
                if (first != null) {
                  sink.add(
                      new Violation(
                          s.path() + "." + NAME,
                          "sysctl "
                              + Quote.of(name)
                              + " is already set by "
                              + first
                              + "; Kubernetes refuses a sysctl named twice, so keep one."));
                }
              });
    }
  }

  private static void agent(
      ContainerSecurity c,
      Topology topology,
      boolean userNamespaces,
      SandboxUser user,
      List<Violation> sink) {
    c.allowPrivilegeEscalation()
        .filter(Boolean::booleanValue)
        .ifPresent(
            v ->
                sink.add(
                    new Violation(
                        c.path() + "." + ALLOW_PRIVILEGE_ESCALATION,
                        "cannot be true: it would let agent processes gain privileges through"
                            + " setuid binaries; leave it out or set it to false.")));
    if (topology == Topology.COMBINED) {
      combinedIdentity(c, sink);
    } else {
      sidecarIdentity(c, user, sink);
    }
    c.seccompProfile().ifPresent(s -> Profiles.seccomp(s, sink));
    c.seLinuxOptions().ifPresent(s -> Profiles.seLinux(s, sink));
    capabilities(c, topology, userNamespaces, sink);
  }

  private static void combinedIdentity(ContainerSecurity c, List<Violation> sink) {
    String why =
        " the combined topology runs the OpenShell supervisor as root inside the agent container"
            + " (it switches agent processes to the sandbox user itself); leave it out, or use"
            + " --topology sidecar to run the whole container as the sandbox user.";
    c.runAsUser()
        .filter(uid -> uid != 0)
        .ifPresent(
            uid ->
                sink.add(new Violation(c.path() + "." + RUN_AS_USER, "is " + uid + ", but" + why)));
    c.runAsGroup()
        .filter(gid -> gid != 0)
        .ifPresent(
            gid ->
                sink.add(
                    new Violation(c.path() + "." + RUN_AS_GROUP, "is " + gid + ", but" + why)));
    c.runAsNonRoot()
        .filter(Boolean::booleanValue)
        .ifPresent(
            v -> sink.add(new Violation(c.path() + "." + RUN_AS_NON_ROOT, "is true, but" + why)));
  }

  private static void sidecarIdentity(ContainerSecurity c, SandboxUser user, List<Violation> sink) {
    String from = " (from " + user.source() + ")";
    c.runAsUser()
        .filter(uid -> uid != user.uid())
        .ifPresent(
            uid ->
                sink.add(
                    new Violation(
                        c.path() + "." + RUN_AS_USER,
                        "is "
                            + uid
                            + ", but the sidecar topology runs the agent as the sandbox UID "
                            + user.uid()
                            + from
                            + "; leave it out or set it to "
                            + user.uid()
                            + ".")));
    c.runAsGroup()
        .filter(gid -> gid != user.gid())
        .ifPresent(
            gid ->
                sink.add(
                    new Violation(
                        c.path() + "." + RUN_AS_GROUP,
                        "is "
                            + gid
                            + ", but the sidecar topology runs the agent with the sandbox GID "
                            + user.gid()
                            + "; leave it out or set it to "
                            + user.gid()
                            + ".")));
    c.runAsNonRoot()
        .filter(v -> !v)
        .ifPresent(
            v ->
                sink.add(
                    new Violation(
                        c.path() + "." + RUN_AS_NON_ROOT,
                        "cannot be false: the sidecar topology always runs the agent as the"
                            + " non-root sandbox user; leave it out.")));
  }

  private static void capabilities(
      ContainerSecurity c, Topology topology, boolean userNamespaces, List<Violation> sink) {
    String capsPath = c.path() + "." + CAPABILITIES;
    if (!c.capabilitiesAdd().isEmpty()) {
      String why =
          topology == Topology.COMBINED
              ? "the combined topology already grants the agent container exactly what the"
                  + " supervisor needs ("
                  + String.join(", ", combinedCaps(userNamespaces))
                  + ")"
              : "the sidecar topology runs the agent with every capability dropped; network"
                  + " enforcement happens in the sidecar";
      sink.add(
          new Violation(
              capsPath + "." + ADD, "cannot add capabilities: " + why + "; remove 'add'."));
    }
    List<String> drop = c.capabilitiesDrop();
    for (int i = 0; i < drop.size(); i++) {
      String cap = drop.get(i);
      String field = capsPath + "." + DROP + "[" + i + "]";
      if (!CAPABILITY_NAME.matcher(cap).matches()) {
        sink.add(
            new Violation(
                field,
                Quote.of(cap)
                    + " is not a capability name; write it in capitals without the CAP_ prefix,"
                    + " for example 'NET_RAW', or 'ALL'."));
        continue;
      }
      if (topology == Topology.COMBINED) {
        List<String> needed = new ArrayList<>(combinedCaps(userNamespaces));
        needed.addAll(LinuxCapabilities.COMBINED_IDENTITY_SWITCH);
        if (cap.equals(LinuxCapabilities.ALL) || needed.contains(cap)) {
          sink.add(
              new Violation(
                  field,
                  "cannot drop "
                      + cap
                      + ": the combined topology's supervisor needs "
                      + String.join(", ", needed.stream().distinct().toList())
                      + "; drop only other capabilities, or use --topology sidecar, which drops"
                      + " ALL."));
        }
      }
    }
  }

  private static List<String> combinedCaps(boolean userNamespaces) {
    List<String> caps = new ArrayList<>(LinuxCapabilities.COMBINED_AGENT);
    if (userNamespaces) {
      caps.addAll(LinuxCapabilities.COMBINED_USER_NAMESPACE_EXTRA);
    }
    return caps;
  }

  private static void sysctl(Sysctl s, List<Violation> sink) {
    String field = s.path() + "." + NAME;
    if (s.name().isEmpty()) {
      sink.add(new Violation(field, "is required; name the sysctl to set."));
    } else if (!SAFE_SYSCTLS.contains(s.name().get())) {
      sink.add(
          new Violation(
              field,
              Quote.of(s.name().get())
                  + " is not a safe sysctl; a sandbox may set only the namespaced ones Kubernetes"
                  + " allows by default, such as "
                  + Quote.list(SAFE_SYSCTLS.stream().sorted().toList(), 120)
                  + "."));
    }
    if (s.value().isEmpty()) {
      sink.add(new Violation(s.path() + "." + VALUE, "is required; give the sysctl's value."));
    }
  }

  /** True when {@code id} is a UID/GID the API accepts; reports it otherwise. */
  static boolean id(String field, long id, List<Violation> sink) {
    if (id < 0 || id > MAX_ID) {
      sink.add(
          new Violation(field, "is " + id + "; Kubernetes accepts IDs from 0 to " + MAX_ID + "."));
      return false;
    }
    return true;
  }
}
