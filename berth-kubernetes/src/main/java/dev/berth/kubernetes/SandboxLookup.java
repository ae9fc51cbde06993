package dev.berth.kubernetes;

import java.util.Optional;

/**
 * The cache as the event feed's {@link EventMapper.Lookup}, with the lookup by id that maps a
 * two-pod sandbox's supervisor pod (named after the sandbox id) back to its sandbox.
 */
record SandboxLookup(SandboxCache cache) implements EventMapper.Lookup {

  @Override
  public Optional<String> byResourceName(String namespace, String name) {
    return cache.byResourceName(namespace, name);
  }

  @Override
  public Optional<String> byAgentPod(String namespace, String pod) {
    return cache.byAgentPod(namespace, pod);
  }

  @Override
  public Optional<String> byId(String namespace, String sandboxId) {
    return cache
        .get(sandboxId)
        .map(SandboxEntry::snapshot)
        .filter(s -> namespace.equals(s.namespace()))
        .map(s -> s.id());
  }
}
