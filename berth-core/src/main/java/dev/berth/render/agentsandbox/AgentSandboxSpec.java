package dev.berth.render.agentsandbox;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code spec} of a Sandbox: the pod template, its claim templates and socket, and the operating
 * state Stop and Start patch ({@code operatingMode} in v1beta1, {@code replicas} in v1alpha1).
 * Fields the driver does not know are kept, so nothing the controller or a user added is lost when
 * an object is read and written back.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public final class AgentSandboxSpec {

  /** The v1beta1 operating mode of a sandbox whose pod the controller must not run. */
  public static final String SUSPENDED = "Suspended";

  /** The v1beta1 operating mode of a sandbox whose pod the controller runs. */
  public static final String RUNNING = "Running";

  private String agentSocket;
  private String operatingMode;
  private PodTemplateSpec podTemplate;
  private Integer replicas;
  private List<PersistentVolumeClaim> volumeClaimTemplates = new ArrayList<>();
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  public String getAgentSocket() {
    return agentSocket;
  }

  public void setAgentSocket(String agentSocket) {
    this.agentSocket = agentSocket;
  }

  public String getOperatingMode() {
    return operatingMode;
  }

  public void setOperatingMode(String operatingMode) {
    this.operatingMode = operatingMode;
  }

  public PodTemplateSpec getPodTemplate() {
    return podTemplate;
  }

  public void setPodTemplate(PodTemplateSpec podTemplate) {
    this.podTemplate = podTemplate;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public List<PersistentVolumeClaim> getVolumeClaimTemplates() {
    return volumeClaimTemplates;
  }

  public void setVolumeClaimTemplates(List<PersistentVolumeClaim> volumeClaimTemplates) {
    this.volumeClaimTemplates = volumeClaimTemplates;
  }

  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentSandboxSpec s
        && Objects.equals(agentSocket, s.agentSocket)
        && Objects.equals(operatingMode, s.operatingMode)
        && Objects.equals(podTemplate, s.podTemplate)
        && Objects.equals(replicas, s.replicas)
        && Objects.equals(volumeClaimTemplates, s.volumeClaimTemplates)
        && additionalProperties.equals(s.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        agentSocket,
        operatingMode,
        podTemplate,
        replicas,
        volumeClaimTemplates,
        additionalProperties);
  }
}
