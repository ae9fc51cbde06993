package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.DriverException.Kind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The one place where a failed Kubernetes API call becomes a {@link DriverException}. Every call
 * site names what it was doing ("create the Sandbox resource") so that the sentence tells the
 * operator what failed; the classification is the same everywhere.
 */
public final class ApiErrors {

  /** A Kubernetes API call; fabric8 reports failures as unchecked exceptions. */
  @FunctionalInterface
  interface Call<T> {
    T run();
  }

  private final long requestTimeoutSeconds;
  private final long connectTimeoutSeconds;

  ApiErrors(Duration requestTimeout, Duration connectTimeout) {
    this.requestTimeoutSeconds = Math.max(1, requestTimeout.toSeconds());
    this.connectTimeoutSeconds = Math.max(1, connectTimeout.toSeconds());
  }

  /** Runs {@code call}; a failure becomes a driver error about {@code action}. */
  <T> T call(String action, Call<T> call) throws DriverException {
    try {
      return call.run();
    } catch (KubernetesClientException e) {
      throw map(e, action);
    }
  }

  /** Like {@link #call}, for creating a Sandbox: a 409 means the name is taken. */
  <T> T callCreate(String action, Call<T> call) throws DriverException {
    try {
      return call.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new DriverException(Kind.ALREADY_EXISTS, "sandbox already exists", e);
      }
      throw map(e, action);
    }
  }

  /**
   * Classifies a failure. A 409 here is a version conflict (the object changed underneath), never
   * "already exists": only {@link #callCreate} reports that.
   *
   * @param action what the driver was doing, as a verb phrase ("delete namespace x")
   */
  public DriverException map(KubernetesClientException e, String action) {
    int code = e.getCode();
    String detail = serverMessage(e);
    switch (code) {
      case 404:
        return new DriverException(
            Kind.NOT_FOUND, "could not " + action + ": the object does not exist" + detail, e);
      case 409:
        return new DriverException(
            Kind.CONFLICT,
            "the object changed while the driver tried to " + action + detail + "; retry",
            e);
      case 401:
        return new DriverException(
            Kind.PERMISSION_DENIED,
            "the Kubernetes API did not accept the driver's credentials when it tried to "
                + action
                + detail,
            e);
      case 403:
        return new DriverException(
            Kind.PERMISSION_DENIED, "the driver's service account may not " + action + detail, e);
      case 429:
      case 500:
      case 502:
      case 503:
      case 504:
        return new DriverException(
            Kind.UNAVAILABLE,
            "the Kubernetes API is unavailable (HTTP "
                + code
                + ") and could not "
                + action
                + detail
                + "; retry later",
            e);
      default:
        break;
    }
    if (code <= 0) {
      Optional<DriverException> io = fromCause(e, action);
      if (io.isPresent()) {
        return io.get();
      }
    }
    return new DriverException(
        Kind.INTERNAL,
        "unexpected answer from the Kubernetes API when trying to "
            + action
            + (code > 0 ? " (HTTP " + code + ")" : "")
            + detail,
        e);
  }

  /** "timed out after 30s waiting for Kubernetes API", as upstream words it. */
  String timeoutMessage() {
    return "timed out after " + requestTimeoutSeconds + "s waiting for Kubernetes API";
  }

  /**
   * Classifies a failure without an HTTP answer by its cause. The JDK client wraps its {@link
   * HttpTimeoutException} in a plain {@link IOException}, so the whole chain is searched for the
   * most specific cause first: a timeout must not be reported as an unreachable server.
   */
  private Optional<DriverException> fromCause(KubernetesClientException e, String action) {
    Optional<Throwable> connectTimeout = find(e, HttpConnectTimeoutException.class);
    if (connectTimeout.isPresent()) {
      return Optional.of(
          new DriverException(
              Kind.UNAVAILABLE,
              "could not connect to the Kubernetes API within "
                  + connectTimeoutSeconds
                  + "s to "
                  + action,
              e));
    }
    if (find(e, HttpTimeoutException.class).isPresent()
        || find(e, SocketTimeoutException.class).isPresent()
        || find(e, TimeoutException.class).isPresent()) {
      return Optional.of(new DriverException(Kind.DEADLINE_EXCEEDED, timeoutMessage(), e));
    }
    if (find(e, InterruptedIOException.class).isPresent()
        || find(e, InterruptedException.class).isPresent()) {
      return Optional.of(
          new DriverException(
              Kind.UNAVAILABLE,
              "interrupted while waiting for the Kubernetes API to " + action,
              e));
    }
    if (find(e, ConnectException.class).isPresent()) {
      // The JDK client's ConnectException carries no message; without this the sentence would
      // end in a bare class name.
      return Optional.of(
          new DriverException(
              Kind.UNAVAILABLE,
              "could not reach the Kubernetes API to "
                  + action
                  + ": connection refused; retry later",
              e));
    }
    return find(e, IOException.class)
        .map(
            io ->
                new DriverException(
                    Kind.UNAVAILABLE,
                    "could not reach the Kubernetes API to "
                        + action
                        + ": "
                        + describe(io)
                        + "; retry later",
                    e));
  }

  /** The first cause of {@code e} (not {@code e} itself) that is a {@code type}. */
  private static Optional<Throwable> find(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String serverMessage(KubernetesClientException e) {
    Status status = e.getStatus();
    String message = status == null ? null : status.getMessage();
    if (message == null || message.isBlank()) {
      return "";
    }
    return ": " + message.strip();
  }

  /** A throwable's message, or its class name when it has none. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
