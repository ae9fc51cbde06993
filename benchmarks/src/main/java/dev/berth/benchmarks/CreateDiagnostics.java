package dev.berth.benchmarks;

import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.CreateSandboxResponse;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.kubernetes.KubernetesSandboxBackend;
import dev.berth.plan.ClusterFacts;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link CreateSandboxBenchmark}'s difference goes: the same socket without a Kubernetes
 * call, the in-process work Create does before its API call, the service handler and the backend's
 * create on the benchmark's own thread (no gRPC), each beside a baseline.
 */
final class CreateDiagnostics {

  private CreateDiagnostics() {}

  /** Latencies in nanoseconds, one array per row of the report. */
  record Timings(
      long[] capabilities, long[] plan, long[] handler, long[] backendCreate, long[] rawBeside) {}

  static Timings run(
      Options options,
      ComputeDriverGrpc.ComputeDriverBlockingStub stub,
      List<CreateSandboxRequest> berthRequests,
      DriverSandbox template,
      DriverSettings settings,
      ClusterFacts facts,
      KubernetesSandboxBackend backend,
      KubernetesClient rawClient,
      ResourceDefinitionContext sandboxes)
      throws Exception {
    int total = options.warmup() + options.count();
    // Where the difference goes: the same socket and interceptors without a Kubernetes call, and
    // the in-process work Create does before its API call.
    long[] capabilities = new long[options.count()];
    GetCapabilitiesRequest ask = GetCapabilitiesRequest.getDefaultInstance();
    for (int i = 0; i < total; i++) {
      long t0 = System.nanoTime();
      stub.withDeadlineAfter(30, TimeUnit.SECONDS).getCapabilities(ask);
      long t1 = System.nanoTime();
      if (i >= options.warmup()) {
        capabilities[i - options.warmup()] = t1 - t0;
      }
    }
    long[] plan = new long[options.count()];
    for (int i = 0; i < total; i++) {
      DriverSandbox sandbox = berthRequests.get(i).getSandbox();
      long t0 = System.nanoTime();
      AgentSandbox rendered =
          CreateSandboxBenchmark.render(
              sandbox,
              settings,
              backend.prepare(CreateSandboxBenchmark.WORKSPACE, CreateSandboxBenchmark.NAMESPACE));
      long t1 = System.nanoTime();
      if (rendered == null) {
        throw new IllegalStateException("nothing rendered");
      }
      if (i >= options.warmup()) {
        plan[i - options.warmup()] = t1 - t0;
      }
    }

    // The backend alone, interleaved with raw creates: is the gap in the gRPC path or the backend?
    List<AgentSandbox> inProcess = new ArrayList<>(options.count());
    List<AgentSandbox> rawAgain = new ArrayList<>(options.count());
    for (int i = 0; i < options.count(); i++) {
      inProcess.add(
          CreateSandboxBenchmark.render(
              template.toBuilder().setId("inproc-" + i).setName("bench-inproc-" + i).build(),
              settings,
              facts));
      rawAgain.add(
          CreateSandboxBenchmark.render(
              template.toBuilder().setId("raw2-" + i).setName("bench-raw2-" + i).build(),
              settings,
              facts));
    }
    // The service's handler on this thread, without gRPC: admission, render and backend.create.
    ComputeDriverService direct = new ComputeDriverService(backend, settings, "bench-direct");
    long[] handler = new long[options.count()];
    for (int i = 0; i < options.count(); i++) {
      CreateSandboxRequest request =
          CreateSandboxRequest.newBuilder()
              .setSandbox(template.toBuilder().setId("direct-" + i).setName("bench-direct-" + i))
              .build();
      CompletableFuture<Object> done = new CompletableFuture<>();
      long t0 = System.nanoTime();
      direct.createSandbox(
          request,
          new StreamObserver<>() {
            @Override
            public void onNext(CreateSandboxResponse value) {}

            @Override
            public void onError(Throwable t) {
              done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
              done.complete(Boolean.TRUE);
            }
          });
      done.get(30, TimeUnit.SECONDS);
      handler[i] = System.nanoTime() - t0;
    }
    long[] backendCreate = new long[options.count()];
    long[] rawBeside = new long[options.count()];
    for (int i = 0; i < options.count(); i++) {
      long t0 = System.nanoTime();
      backend.create(new RenderedSandbox(inProcess.get(i), new PodTemplateSpec()));
      long t1 = System.nanoTime();
      rawClient.resource(rawAgain.get(i)).create();
      long t2 = System.nanoTime();
      backendCreate[i] = t1 - t0;
      rawBeside[i] = t2 - t1;
    }

    return new Timings(capabilities, plan, handler, backendCreate, rawBeside);
  }
}
