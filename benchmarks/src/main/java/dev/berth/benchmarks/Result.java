package dev.berth.benchmarks;

/**
 * Everything one run measured.
 *
 * @param berth CreateSandbox over the Unix socket
 * @param raw the fabric8 create of the same rendered object
 * @param transportFloor GetCapabilities over the same socket: gRPC, the socket and the
 *     interceptors, no Kubernetes call
 * @param handlerInProcess the service's CreateSandbox handler called on the benchmark's thread,
 *     without gRPC
 * @param backendInProcess the driver's backend.create of a rendered Sandbox on the benchmark's
 *     thread, no gRPC: separates the handler's Kubernetes work from the gRPC path
 * @param rawBeside raw creates interleaved with {@code backendInProcess}, its baseline
 * @param planAndRender conversion, validation and rendering of one request in-process, as Create
 *     does before its API call
 * @param mockBerth time the mock server spent handling Berth's create requests
 * @param mockRaw time the mock server spent handling the raw create requests
 * @param httpVersion HTTP version the clients spoke to the mock
 * @param sameObject whether Berth and the raw client stored the same Sandbox (names aside)
 * @param stored Sandbox objects in the mock afterwards
 */
public record Result(
    Options options,
    Stats berth,
    Stats raw,
    Stats transportFloor,
    Stats planAndRender,
    Stats handlerInProcess,
    Stats backendInProcess,
    Stats rawBeside,
    Stats mockBerth,
    Stats mockRaw,
    String httpVersion,
    boolean sameObject,
    int stored,
    double measuredSeconds) {

  public double meanRatio() {
    return berth.mean() / raw.mean();
  }

  public double p50Ratio() {
    return (double) berth.p50() / raw.p50();
  }
}
