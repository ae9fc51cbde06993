package dev.berth.security;

/** The prose of {@code docs/security.md} that does not come from a render. */
final class SecurityDocsText {

  private SecurityDocsText() {}

  static final String INTRO =
      """
      Berth gives each container of a sandbox pod only the privileges its job needs, and this page \
      lists them so an administrator knows exactly what to grant. For every combination of \
      topology (`--topology`), supervisor sideload method (`--supervisor-sideload-method`) and \
      user namespaces (`--enable-user-namespaces`), a minimal sandbox (default settings, no \
      `driver_config`) was validated and rendered by the driver's own code, and its pod was \
      judged by the same report that `berth render --explain-security FILE` prints for any \
      request.

      - **Pod Security level** is the strictest [Pod Security Standards] profile the pod meets: \
      `privileged`, `baseline` or `restricted`. A namespace whose \
      `pod-security.kubernetes.io/enforce` label is stricter rejects the pod. The checks follow \
      pod-security-admission at policy version `latest` as of Kubernetes 1.36: image volumes are \
      allowed, and user-namespace pods (`hostUsers: false`) skip the runAsNonRoot and runAsUser \
      checks. Each container is judged by the values it runs with, including what it inherits \
      from the pod; \"Failing checks\" are pod-security-admission check IDs.
      - **restricted-v2** is OpenShift's default SCC. The verdict comes from a second render for \
      a namespace annotated `openshift.io/sa.scc.uid-range=1000660000/10000` (and the same \
      supplemental groups), because on OpenShift the driver takes the sandbox UID from that range. \
      \"Admitted only if\" lists facts a pod cannot show, such as whether the cluster's \
      restricted-v2 lists the `image` volume type.
      - **runAsUser** `image default` means neither the container nor the pod sets one; \
      `(pod)` marks a value inherited from the pod. seccomp `unset (node default)` means the \
      kubelet's default applies, which is Unconfined unless the kubelet runs with \
      `seccompDefault: true`.

      [Pod Security Standards]: https://kubernetes.io/docs/concepts/security/pod-security-standards/
      """;

  static final String GRANTS =
      """

      ## What to grant

      No combination meets `baseline`: the OpenShell supervisor needs capabilities outside the \
      baseline set (in the combined topology the agent container carries them; in the sidecar \
      topology the network-init container and the network sidecar do, while the agent itself \
      meets `restricted`). So:

      - **Kubernetes**: label the sandbox namespace `pod-security.kubernetes.io/enforce: \
      privileged` (and keep `warn`/`audit` at `restricted` to see what a change does). Prefer \
      the sidecar topology: the code the user controls then runs as the sandbox UID with no \
      capabilities and no privilege escalation.
      - **OpenShift**: restricted-v2 denies every combination for the reasons listed below. \
      Grant the sandbox service account an SCC that allows exactly the capabilities and UIDs in \
      the tables (for example a copy of restricted-v2 with `allowedCapabilities` set to the \
      capabilities listed and `runAsUser: RunAsAny`), rather than `privileged`. No combination \
      needs privileged containers, host namespaces, host ports or hostPath volumes.
      """;

  static final String OVERRIDES =
      """

      ## What per-sandbox overrides may change

      A request's `driver_config.kubernetes` may set a pod and an agent `security_context`, but \
      only to tighten what is shown here (see [driver-config](driver-config.md#security-overrides-may-only-tighten)). \
      The validator refuses an override that would add a capability, allow privilege escalation, \
      choose an Unconfined seccomp profile, change the agent's user away from what the topology \
      needs, or drop a capability the supervisor relies on, so these tables show the most any \
      sandbox gets with the given settings. Overrides can still tighten further, for example a \
      read-only root filesystem or a `Localhost` seccomp profile for the agent.
      """;
}
