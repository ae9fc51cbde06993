package dev.berth.render;

/** The long-running containers of a sandbox pod, in pod order (the agent first). */
enum ContainerSlot {
  AGENT,
  NETWORK_SIDECAR;

  private final String description = "the " + name() + " container";

  /** Names the container in a renderer error, made once rather than per merge. */
  String description() {
    return description;
  }
}
