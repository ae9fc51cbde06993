package dev.berth.render.agentsandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code agents.x-k8s.io} Sandbox, typed: what the renderer writes and what the driver reads
 * back. Each served API version is a subclass carrying its version in fabric8's annotations, so the
 * client addresses the right endpoint; both share this shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public abstract sealed class AgentSandbox implements HasMetadata, Namespaced
    permits AgentSandboxV1beta1, AgentSandboxV1alpha1 {

  private static final long serialVersionUID = 1L;

  private String apiVersion = HasMetadata.getApiVersion(getClass());
  private String kind = HasMetadata.getKind(getClass());
  private ObjectMeta metadata = new ObjectMeta();
  private AgentSandboxSpec spec = new AgentSandboxSpec();
  private AgentSandboxStatus status;

  /** An empty Sandbox of the given API version. */
  public static AgentSandbox of(SandboxApiVersion version) {
    return switch (version) {
      case V1BETA1 -> new AgentSandboxV1beta1();
      case V1ALPHA1 -> new AgentSandboxV1alpha1();
    };
  }

  /** The typed class of a served version, for the client. */
  public static Class<? extends AgentSandbox> type(SandboxApiVersion version) {
    return switch (version) {
      case V1BETA1 -> AgentSandboxV1beta1.class;
      case V1ALPHA1 -> AgentSandboxV1alpha1.class;
    };
  }

  /** The API version this class is written as. */
  public abstract SandboxApiVersion version();

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public AgentSandboxSpec getSpec() {
    return spec;
  }

  public void setSpec(AgentSandboxSpec spec) {
    this.spec = spec;
  }

  /** Bean accessor for the serializer; code reads {@link #status()}. */
  public AgentSandboxStatus getStatus() {
    return status;
  }

  /** The controller's report, absent until the controller has written one. */
  public Optional<AgentSandboxStatus> status() {
    return Optional.ofNullable(status);
  }

  public void setStatus(AgentSandboxStatus status) {
    this.status = status;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentSandbox other
        && getClass() == other.getClass()
        && Objects.equals(apiVersion, other.apiVersion)
        && Objects.equals(kind, other.kind)
        && Objects.equals(metadata, other.metadata)
        && Objects.equals(spec, other.spec)
        && Objects.equals(status, other.status);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, metadata, spec, status);
  }
}
