package dev.berth.benchmarks;

/**
 * Everything one run measured.
 *
 * @param berth CreateSandbox over the Unix socket
 * @param raw the fabric8 create of the same rendered object
 * @param passThrough CreateSandbox over a second socket, served by {@link PassThroughDriver}: the
 *     same transport and the same raw create, nothing else; the lowest latency a gRPC driver can
 *     have here
 * @param berthIn from Berth's call to its backend.create: gRPC in, interceptors, admission,
 *     validation and rendering
 * @param berthCreate Berth's backend.create, the Kubernetes call
 * @param berthOut from backend.create's return to the client: gRPC out
 * @param capabilities GetCapabilities over the same socket: gRPC, the socket and the interceptors,
 *     no Kubernetes call
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
public record CreateResult(
    Options options,
    Stats berth,
    Stats raw,
    Stats passThrough,
    Stats berthIn,
    Stats berthCreate,
    Stats berthOut,
    Stats capabilities,
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

  /** Pass-through/raw, mean: what gRPC over the socket costs any driver on this machine. */
  public double passThroughMeanRatio() {
    return passThrough.mean() / raw.mean();
  }

  public double passThroughP50Ratio() {
    return (double) passThrough.p50() / raw.p50();
  }
}
