package dev.berth.render;

/** The long-running containers of a sandbox pod, in pod order (the agent first). */
enum ContainerSlot {
  AGENT,
  NETWORK_SIDECAR
}
