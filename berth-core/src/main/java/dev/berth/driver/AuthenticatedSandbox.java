package dev.berth.driver;

/**
 * The answer to AuthenticateSandbox: whose credential it was.
 *
 * @param sandboxId the gateway's sandbox id
 * @param identity the runtime that presented it
 */
public record AuthenticatedSandbox(String sandboxId, RuntimeIdentity identity) {}
