package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every backend operation reaches the delegate, as itself, with the caller's arguments. */
class ForwardingSandboxBackendTest {

  private record Call(String method, List<Object> args) {}

  @Test
  void everyOperationIsPassedToTheDelegateUnchanged() throws Exception {
    List<Call> calls = new ArrayList<>();
    SandboxBackend recorder =
        (SandboxBackend)
            Proxy.newProxyInstance(
                SandboxBackend.class.getClassLoader(),
                new Class<?>[] {SandboxBackend.class},
                (proxy, method, args) -> {
                  calls.add(new Call(method.getName(), args == null ? List.of() : asList(args)));
                  return defaultValue(method.getReturnType());
                });
    SandboxBackend forwarding = new ForwardingSandboxBackend(recorder) {};

    List<Call> expected = new ArrayList<>();
    for (Method method : SandboxBackend.class.getMethods()) {
      if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Object[] args = new Object[method.getParameterCount()];
      for (int i = 0; i < args.length; i++) {
        // Distinct strings per parameter, so a forwarder that swapped two would be caught.
        args[i] = method.getParameterTypes()[i] == String.class ? method.getName() + "-" + i : null;
      }
      method.invoke(forwarding, args);
      expected.add(new Call(method.getName(), asList(args)));
    }

    assertThat(calls).containsExactlyElementsOf(expected);
    assertThat(expected).extracting(Call::method).contains("create", "stop", "watch", "close");
  }

  private static List<Object> asList(Object[] args) {
    return new ArrayList<>(Arrays.asList(args));
  }

  private static Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == List.class) {
      return List.of();
    }
    if (type == java.util.Optional.class) {
      return java.util.Optional.empty();
    }
    return null;
  }
}
