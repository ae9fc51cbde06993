package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.driver.DriverException;
import dev.berth.driver.DriverException.Kind;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiErrorsTest {

  private final ApiErrors errors = new ApiErrors(Duration.ofSeconds(30), Duration.ofSeconds(10));

  private static KubernetesClientException http(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @ParameterizedTest
  @CsvSource({
    "404, NOT_FOUND",
    "409, CONFLICT",
    "401, PERMISSION_DENIED",
    "403, PERMISSION_DENIED",
    "429, UNAVAILABLE",
    "500, UNAVAILABLE",
    "502, UNAVAILABLE",
    "503, UNAVAILABLE",
    "504, UNAVAILABLE",
    "422, INTERNAL",
    "400, INTERNAL"
  })
  void classifiesHttpStatus(int code, Kind kind) {
    assertThat(errors.map(http(code, "m"), "do it").kind()).isEqualTo(kind);
  }

  @Test
  void onlyCreateTurnsConflictIntoAlreadyExists() throws Exception {
    DriverException create =
        Assertions.catchThrowableOfType(
            DriverException.class,
            () ->
                errors.callCreate(
                    "create Sandbox x",
                    () -> {
                      throw http(409, "Sandbox 'x' already exists");
                    }));
    DriverException patch =
        Assertions.catchThrowableOfType(
            DriverException.class,
            () ->
                errors.call(
                    "patch Sandbox x",
                    () -> {
                      throw http(409, "the object has been modified");
                    }));

    assertThat(create.kind()).isEqualTo(Kind.ALREADY_EXISTS);
    assertThat(create).hasMessage("sandbox already exists");
    assertThat(patch.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(patch)
        .hasMessage(
            "the object changed while the driver tried to patch Sandbox x: the object has been"
                + " modified; retry");
  }

  @Test
  void sentencesNameTheActionAndTheServerMessage() {
    assertThat(errors.map(http(403, "sandboxes is forbidden"), "list Sandbox resources"))
        .hasMessage(
            "the driver's service account may not list Sandbox resources: sandboxes is forbidden");
    assertThat(errors.map(http(503, null), "create Sandbox x"))
        .hasMessage(
            "the Kubernetes API is unavailable (HTTP 503) and could not create Sandbox x; retry"
                + " later");
  }

  @Test
  void classifiesTransportFailures() {
    DriverException timeout =
        errors.map(
            new KubernetesClientException("x", new HttpTimeoutException("request timed out")),
            "read y");
    DriverException connectTimeout =
        errors.map(
            new KubernetesClientException("x", new HttpConnectTimeoutException("connect")),
            "read y");
    DriverException refused =
        errors.map(
            new KubernetesClientException(
                "x", new IOException("wrapped", new ConnectException("Connection refused"))),
            "read y");
    DriverException other = errors.map(new KubernetesClientException("odd"), "read y");

    assertThat(timeout.kind()).isEqualTo(Kind.DEADLINE_EXCEEDED);
    assertThat(timeout).hasMessage("timed out after 30s waiting for Kubernetes API");
    assertThat(connectTimeout.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(connectTimeout)
        .hasMessage("could not connect to the Kubernetes API within 10s to read y");
    assertThat(refused.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(refused)
        .hasMessage(
            "could not reach the Kubernetes API to read y: connection refused; retry later");
    assertThat(other.kind()).isEqualTo(Kind.INTERNAL);
  }

  @Test
  void aTimeoutWrappedInAnIoExceptionIsStillATimeout() {
    // fabric8's JDK client delivers a request timeout as IOException("request timed out") caused
    // by the HttpTimeoutException; the IOException must not make it look like an unreachable API.
    DriverException wrapped =
        errors.map(
            new KubernetesClientException(
                "An error has occurred.",
                new IOException(
                    "request timed out", new HttpTimeoutException("request timed out"))),
            "create Sandbox x");

    assertThat(wrapped.kind()).isEqualTo(Kind.DEADLINE_EXCEEDED);
    assertThat(wrapped).hasMessage("timed out after 30s waiting for Kubernetes API");
  }
}
