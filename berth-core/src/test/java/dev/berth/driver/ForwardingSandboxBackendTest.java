package dev.berth.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.agentsandbox.AgentSandboxV1beta1;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every backend operation reaches the delegate as itself, with the caller's own argument objects,
 * and hands back the delegate's own result object.
 */
class ForwardingSandboxBackendTest {

  private record Call(String method, Object[] args) {}

  @Test
  void everyOperationIsPassedToTheDelegateAndItsResultBack() throws Exception {
    List<Call> calls = new ArrayList<>();
    Map<String, Object> results = new HashMap<>();
    SandboxBackend recorder =
        (SandboxBackend)
            Proxy.newProxyInstance(
                SandboxBackend.class.getClassLoader(),
                new Class<?>[] {SandboxBackend.class},
                (proxy, method, args) -> {
                  calls.add(new Call(method.getName(), args == null ? new Object[0] : args));
                  Object result = sentinel(method.getReturnType(), method.getName());
                  results.put(method.getName(), result);
                  return result;
                });
    SandboxBackend forwarding = new ForwardingSandboxBackend(recorder) {};

    List<String> invoked = new ArrayList<>();
    for (Method method : SandboxBackend.class.getMethods()) {
      if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Class<?>[] types = method.getParameterTypes();
      Object[] args = new Object[types.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = sentinel(types[i], method.getName() + "-" + i);
      }
      calls.clear();
      Object returned = method.invoke(forwarding, args);

      assertThat(calls).as(method.getName()).hasSize(1);
      Call call = calls.get(0);
      assertThat(call.method()).isEqualTo(method.getName());
      assertThat(call.args()).as(method.getName()).hasSameSizeAs(args);
      for (int i = 0; i < args.length; i++) {
        assertThat(call.args()[i]).as(method.getName() + " argument " + i).isSameAs(args[i]);
      }
      if (method.getReturnType() == boolean.class) {
        assertThat(returned).as(method.getName()).isEqualTo(Boolean.TRUE);
      } else if (method.getReturnType() != void.class) {
        assertThat(returned).as(method.getName()).isSameAs(results.get(method.getName()));
      }
      invoked.add(method.getName());
    }
    assertThat(invoked)
        .contains(
            "create",
            "start",
            "stop",
            "watch",
            "list",
            "hasGpuCapacity",
            "claimMetadata",
            "authenticate",
            "close");
  }

  /** A fresh object of the type, distinguishable by identity (true for booleans). */
  private static Object sentinel(Class<?> type, String tag) {
    if (type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      // The proxy's default would be false, so true shows the delegate's answer came back.
      return true;
    }
    if (type == String.class) {
      return new String(tag);
    }
    if (type == List.class || type == Collection.class) {
      return new ArrayList<>(List.of(tag));
    }
    if (type == Optional.class) {
      return Optional.of(new Object());
    }
    if (type == ClusterFacts.class) {
      return new ClusterFacts(SandboxApiVersion.V1BETA1, Map.of("tag", tag));
    }
    if (type == RenderedSandbox.class) {
      return new RenderedSandbox(new AgentSandboxV1beta1(), new PodTemplateSpec());
    }
    if (type == SandboxBackend.Listener.class) {
      return new SandboxBackend.Listener() {
        @Override
        public void onEvent(SandboxSnapshot.Event event) {}

        @Override
        public void onError(DriverException error) {}
      };
    }
    if (type == RuntimeIdentity.class) {
      return new RuntimeIdentity("ns", "uid", new String(tag));
    }
    if (type == RuntimeStart.class) {
      return new RuntimeStart.Keep(sandbox -> {});
    }
    if (type == SandboxCredential.class) {
      return SandboxCredential.of(tag);
    }
    if (type == Generation.class) {
      // An enum constant is one object per JVM; identity still shows it was passed on as given.
      return Generation.G2;
    }
    if (type == AuthenticatedSandbox.class) {
      return new AuthenticatedSandbox(tag, new RuntimeIdentity("ns", "uid", "0"));
    }
    if (type == SandboxBackend.Subscription.class) {
      return (SandboxBackend.Subscription) () -> {};
    }
    throw new AssertionError("no sentinel for " + type + "; add one for the new operation");
  }
}
