package dev.berth.render;

/**
 * The concerns a sandbox pod is built from, one decorator each. The declaration order is the order
 * in which their additions appear in the pod (environment variables, volume mounts, volumes), so
 * output is stable whatever order the decorators run in; it is also upstream's order, which keeps
 * rendered pods comparable with upstream's.
 */
enum Concern {
  AGENT,
  ENVIRONMENT,
  GATEWAY_CREDENTIALS,
  SCHEDULING,
  RESOURCES,
  USER_VOLUMES,
  TOPOLOGY,
  SUPERVISOR_SIDELOAD,
  WORKSPACE,
  POD_SECURITY,
  AGENT_SECURITY
}
