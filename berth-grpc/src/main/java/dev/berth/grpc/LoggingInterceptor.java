package dev.berth.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes the one log line per call, at the boundary: method, sandbox id, status code and duration.
 * It reads only identifiers out of requests, so tokens, TLS material and environment values can
 * never reach the log through it. While the handler runs, the sandbox id (and name) are in the MDC
 * under {@value #MDC_SANDBOX_ID} (and {@value #MDC_SANDBOX_NAME}).
 */
public final class LoggingInterceptor implements ServerInterceptor {

  public static final String MDC_SANDBOX_ID = "sandbox.id";
  public static final String MDC_SANDBOX_NAME = "sandbox.name";

  private static final Logger LOG = LoggerFactory.getLogger("dev.berth.rpc");
  private static final String FORMAT = "rpc={} sandbox_id={} code={} duration_ms={}";

  /** Ids come from clients unchecked (Get takes any string); keep them short and on one line. */
  private static final int MAX_ID = 128;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getBareMethodName();
    Map<String, String> context = new HashMap<>();
    AtomicBoolean logged = new AtomicBoolean();
    ServerCall<Q, R> logging =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            super.close(status, trailers);
            if (logged.compareAndSet(false, true)) {
              log(method, context, status, start);
            }
          }
        };
    ServerCall.Listener<Q> delegate = next.startCall(logging, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        synchronized (context) {
          context.putAll(identifiers(message));
        }
        withContext(context, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        withContext(context, super::onHalfClose);
      }

      @Override
      public void onCancel() {
        withContext(context, super::onCancel);
        // A cancelled call is never closed by the service; log it here instead.
        if (logged.compareAndSet(false, true)) {
          log(method, context, Status.CANCELLED, start);
        }
      }
    };
  }

  /**
   * The line for a call refused before it reached this interceptor (a request that is not a valid
   * message, see {@link RequestEdge}): the same format, no sandbox id, since none could be read.
   */
  static void refusal(String method, Status status, long start) {
    log(method, Map.of(), status, start);
  }

  private static void log(String method, Map<String, String> context, Status status, long start) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    withContext(
        context,
        () -> {
          String id = MDC.get(MDC_SANDBOX_ID);
          String sandbox = id == null ? "-" : id;
          Status.Code code = status.getCode();
          if (status.isOk() || code == Status.Code.CANCELLED) {
            LOG.info(FORMAT, method, sandbox, code, millis);
          } else if (clusterUnavailable(code)) {
            // An outage or a slow API server is expected operation, not a bug: one line with the
            // cause's message, no stack trace, so a flapping cluster does not flood the log.
            LOG.warn(
                FORMAT + " error=\"{}\" cause=\"{}\"",
                method,
                sandbox,
                code,
                millis,
                status.getDescription(),
                rootMessage(status.getCause()));
          } else if (serverFault(code)) {
            // The cause (never sent to the client) is what an operator needs to debug this.
            LOG.warn(
                FORMAT + " error=\"{}\"",
                method,
                sandbox,
                code,
                millis,
                status.getDescription(),
                status.getCause());
          } else if (code == Status.Code.INVALID_ARGUMENT) {
            // Violations may quote request values (environment, labels); keep only the code.
            LOG.info(FORMAT, method, sandbox, code, millis);
          } else {
            LOG.info(
                FORMAT + " error=\"{}\"", method, sandbox, code, millis, status.getDescription());
          }
        });
  }

  private static boolean clusterUnavailable(Status.Code code) {
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  /** The innermost cause's message, or "-" when the status carries no cause. */
  static String rootMessage(Throwable cause) {
    if (cause == null) {
      return "-";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static boolean serverFault(Status.Code code) {
    return code == Status.Code.INTERNAL
        || code == Status.Code.UNKNOWN
        || code == Status.Code.DATA_LOSS;
  }

  /**
   * The sandbox id and name of a request: from {@code sandbox_id}/{@code name} fields or a {@code
   * sandbox} message field. Read through descriptors so new RPCs are covered without code.
   */
  static Map<String, String> identifiers(Object message) {
    Map<String, String> ids = new HashMap<>();
    if (!(message instanceof Message m)) {
      return ids;
    }
    putString(m, "sandbox_id", MDC_SANDBOX_ID, ids);
    // G1 called the name field sandbox_name; the contract now calls it name (same number).
    if (m.getDescriptorForType().findFieldByName("sandbox_id") != null) {
      putString(m, "name", MDC_SANDBOX_NAME, ids);
    }
    FieldDescriptor sandbox = m.getDescriptorForType().findFieldByName("sandbox");
    if (sandbox != null
        && sandbox.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !sandbox.isRepeated()
        && m.hasField(sandbox)) {
      Message inner = (Message) m.getField(sandbox);
      putString(inner, "id", MDC_SANDBOX_ID, ids);
      putString(inner, "name", MDC_SANDBOX_NAME, ids);
    }
    return ids;
  }

  private static void putString(Message m, String field, String key, Map<String, String> out) {
    FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
    if (f != null && f.getJavaType() == FieldDescriptor.JavaType.STRING && !f.isRepeated()) {
      String value = (String) m.getField(f);
      if (!value.isEmpty()) {
        out.put(key, printable(value));
      }
    }
  }

  /** The value with control characters escaped and cut at {@value #MAX_ID} characters. */
  static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && i < MAX_ID; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return value.length() > MAX_ID ? out.append("...").toString() : out.toString();
  }

  /** Runs with the call's identifiers in the MDC and restores what was there before. */
  private static void withContext(Map<String, String> context, Runnable body) {
    Map<String, String> snapshot;
    synchronized (context) {
      snapshot = Map.copyOf(context);
    }
    Map<String, String> previous = new HashMap<>();
    for (Map.Entry<String, String> e : snapshot.entrySet()) {
      previous.put(e.getKey(), MDC.get(e.getKey()));
      MDC.put(e.getKey(), e.getValue());
    }
    try {
      body.run();
    } finally {
      for (Map.Entry<String, String> e : previous.entrySet()) {
        if (e.getValue() == null) {
          MDC.remove(e.getKey());
        } else {
          MDC.put(e.getKey(), e.getValue());
        }
      }
    }
  }
}
