package dev.berth.render.agentsandbox;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code status} of a Sandbox as the agent-sandbox controller writes it. The text fields are read
 * as text whatever JSON type the controller used (Jackson coerces numbers), as upstream reads them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public final class AgentSandboxStatus {

  private String agentFd;
  private String agentPod;
  private List<Condition> conditions = new ArrayList<>();
  private Integer replicas;
  private String sandboxFd;
  private String sandboxName;
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  public String getAgentFd() {
    return agentFd;
  }

  public void setAgentFd(String agentFd) {
    this.agentFd = agentFd;
  }

  public String getAgentPod() {
    return agentPod;
  }

  public void setAgentPod(String agentPod) {
    this.agentPod = agentPod;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getSandboxFd() {
    return sandboxFd;
  }

  public void setSandboxFd(String sandboxFd) {
    this.sandboxFd = sandboxFd;
  }

  public String getSandboxName() {
    return sandboxName;
  }

  public void setSandboxName(String sandboxName) {
    this.sandboxName = sandboxName;
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
    return o instanceof AgentSandboxStatus s
        && Objects.equals(agentFd, s.agentFd)
        && Objects.equals(agentPod, s.agentPod)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(replicas, s.replicas)
        && Objects.equals(sandboxFd, s.sandboxFd)
        && Objects.equals(sandboxName, s.sandboxName)
        && additionalProperties.equals(s.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        agentFd, agentPod, conditions, replicas, sandboxFd, sandboxName, additionalProperties);
  }
}
