package dev.berth.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Turns SIGTERM and SIGINT into a latch. The JVM's own handling would run shutdown hooks and exit
 * with 143; taking the signals over lets {@code berth serve} drain calls and return exit code 0, as
 * Kubernetes expects of a clean stop. {@link #close} gives the signals back (tests serve
 * in-process).
 *
 * <p>The JDK's only signal API is {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported
 * for exactly this). It is reached reflectively because javac reports any direct use as internal
 * proprietary API with a warning no annotation can silence, and the build treats warnings as
 * errors.
 */
final class ShutdownSignal implements AutoCloseable {

  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final CountDownLatch received = new CountDownLatch(1);
  private final List<Runnable> restore = new ArrayList<>();
  private volatile String name = "";

  static ShutdownSignal install() {
    ShutdownSignal s = new ShutdownSignal();
    Signals api = Signals.load();
    for (String signal : SIGNALS) {
      Object previous = api.handle(signal, () -> s.caught("SIG" + signal));
      s.restore.add(() -> api.restore(signal, previous));
    }
    return s;
  }

  private void caught(String signal) {
    name = signal;
    received.countDown();
  }

  /** Blocks until a signal arrives; returns its name, such as {@code SIGTERM}. */
  String await() throws InterruptedException {
    received.await();
    return name;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }

  /** {@code sun.misc.Signal.handle(new Signal(name), handler)}, through reflection. */
  private record Signals(Class<?> signal, Class<?> handlerType, Method handle) {

    static Signals load() {
      try {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        return new Signals(signal, handlerType, signal.getMethod("handle", signal, handlerType));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("this JVM has no sun.misc.Signal", e);
      }
    }

    /** Installs {@code action} for the signal and returns the handler it replaced. */
    Object handle(String name, Runnable action) {
      InvocationHandler onSignal =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
            }
            return null;
          };
      Object handler =
          Proxy.newProxyInstance(
              handlerType.getClassLoader(), new Class<?>[] {handlerType}, onSignal);
      return install(name, handler);
    }

    void restore(String name, Object previous) {
      install(name, previous);
    }

    private Object install(String name, Object handler) {
      try {
        return handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot handle SIG" + name, e);
      }
    }
  }
}
