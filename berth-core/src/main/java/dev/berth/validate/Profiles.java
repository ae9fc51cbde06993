package dev.berth.validate;

import static dev.berth.config.ConfigFields.LEVEL;
import static dev.berth.config.ConfigFields.LOCALHOST_PROFILE;
import static dev.berth.config.ConfigFields.ROLE;
import static dev.berth.config.ConfigFields.TYPE;
import static dev.berth.config.ConfigFields.USER;
import static dev.berth.naming.SecurityProfiles.LOCALHOST;
import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;
import static dev.berth.naming.SecurityProfiles.UNCONFINED;

import dev.berth.config.DriverConfig.SeLinux;
import dev.berth.config.DriverConfig.Seccomp;
import dev.berth.config.Quote;
import dev.berth.result.Violation;
import java.util.List;
import java.util.Set;

/** Seccomp and SELinux overrides, shared by the pod and the agent container. */
final class Profiles {

  /** SELinux types Pod Security baseline allows. */
  static final Set<String> SELINUX_TYPES =
      Set.of("container_t", "container_init_t", "container_kvm_t");

  private Profiles() {}

  static void seccomp(Seccomp s, List<Violation> sink) {
    String typeField = s.path() + "." + TYPE;
    if (s.type().isEmpty()) {
      sink.add(new Violation(typeField, "is required; use 'RuntimeDefault' or 'Localhost'."));
      return;
    }
    String type = s.type().get();
    if (type.equals(UNCONFINED)) {
      sink.add(
          new Violation(
              typeField,
              "cannot be 'Unconfined': it removes the system-call filter the sandbox relies on;"
                  + " use 'RuntimeDefault' or a 'Localhost' profile."));
    } else if (!type.equals(RUNTIME_DEFAULT) && !type.equals(LOCALHOST)) {
      sink.add(
          new Violation(
              typeField,
              Quote.of(type)
                  + " is not a seccomp profile type; use 'RuntimeDefault' or 'Localhost'."));
    } else if (type.equals(LOCALHOST) && s.localhostProfile().filter(p -> !p.isEmpty()).isEmpty()) {
      sink.add(
          new Violation(
              s.path() + "." + LOCALHOST_PROFILE,
              "is required with type 'Localhost'; name the profile file on the node, for example"
                  + " 'profiles/agent.json'."));
    }
    if (!type.equals(LOCALHOST) && s.localhostProfile().isPresent()) {
      sink.add(
          new Violation(
              s.path() + "." + LOCALHOST_PROFILE,
              "applies only with type 'Localhost'; remove it or set type: Localhost."));
    }
    s.localhostProfile()
        .filter(p -> p.startsWith("/") || p.contains("..") || Texts.hasWhitespaceOrControl(p))
        .ifPresent(
            p ->
                sink.add(
                    new Violation(
                        s.path() + "." + LOCALHOST_PROFILE,
                        Quote.of(p)
                            + " must be a relative path inside the kubelet's seccomp directory,"
                            + " without '..' or spaces.")));
  }

  static void seLinux(SeLinux s, List<Violation> sink) {
    String loosens =
        " would loosen SELinux confinement and is refused by Pod Security baseline;"
            + " remove it.";
    s.user()
        .filter(u -> !u.isEmpty())
        .ifPresent(u -> sink.add(new Violation(s.path() + "." + USER, "is set:" + loosens)));
    s.role()
        .filter(r -> !r.isEmpty())
        .ifPresent(r -> sink.add(new Violation(s.path() + "." + ROLE, "is set:" + loosens)));
    s.type()
        .filter(t -> !t.isEmpty() && !SELINUX_TYPES.contains(t))
        .ifPresent(
            t ->
                sink.add(
                    new Violation(
                        s.path() + "." + TYPE,
                        Quote.of(t)
                            + " is not an allowed SELinux type; use container_t, container_init_t"
                            + " or container_kvm_t, or leave it out.")));
    s.level()
        .filter(Texts::hasWhitespaceOrControl)
        .ifPresent(
            l ->
                sink.add(
                    new Violation(
                        s.path() + "." + LEVEL,
                        Quote.of(l) + " is not an SELinux level; write it like 's0:c123,c456'.")));
  }
}
