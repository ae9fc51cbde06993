package dev.berth.kubernetes;

import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A CRUD mock API server with the v1beta1 Sandbox CRD and a stand-in for the agent-sandbox
 * controller: a running Sandbox gets a pod from its template (gates and all, the Sandbox its
 * controller), a suspended or deleted one loses it. The mock has no garbage collector, so what is
 * left at the end is exactly what nobody deleted.
 */
final class TwoPodCluster implements AutoCloseable {

  static final String NAMESPACE = "agents";
  static final SandboxApiVersion VERSION = SandboxApiVersion.V1BETA1;

  private final KubernetesMockServer server;
  private final KubernetesClient admin;
  private final ScheduledExecutorService controller;

  // The mock's Context needs fabric8's configured mapper, which only the deprecated accessor gives.
  @SuppressWarnings("deprecation")
  TwoPodCluster() {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init();
    admin = server.createClient();
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(SandboxApiVersion.PLURAL + "." + SandboxApiVersion.GROUP)
                .endMetadata()
                .withNewSpec()
                .withGroup(SandboxApiVersion.GROUP)
                .withScope("Namespaced")
                .withNewNames()
                .withKind(SandboxApiVersion.KIND)
                .withPlural(SandboxApiVersion.PLURAL)
                .withSingular("sandbox")
                .endNames()
                .addNewVersion()
                .withName(VERSION.version())
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build())
        .create();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    controller = Executors.newSingleThreadScheduledExecutor();
    controller.scheduleWithFixedDelay(this::reconcile, 20, 20, TimeUnit.MILLISECONDS);
  }

  /** A client for the driver, with its own connection pool. */
  KubernetesClient driverClient() {
    return server.createClient();
  }

  KubernetesClient admin() {
    return admin;
  }

  static ResourceDefinitionContext sandboxes() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(SandboxApiVersion.GROUP)
        .withVersion(VERSION.version())
        .withKind(SandboxApiVersion.KIND)
        .withPlural(SandboxApiVersion.PLURAL)
        .withNamespaced(true)
        .build();
  }

  /** Every object in the namespace, as "Kind/name", for the nothing-orphaned checks. */
  List<String> everything() {
    List<String> all = new ArrayList<>();
    names(
        "Sandbox",
        admin.genericKubernetesResources(sandboxes()).inNamespace(NAMESPACE).list().getItems(),
        all);
    names("Pod", admin.pods().inNamespace(NAMESPACE).list().getItems(), all);
    names("Service", admin.services().inNamespace(NAMESPACE).list().getItems(), all);
    names("Secret", admin.secrets().inNamespace(NAMESPACE).list().getItems(), all);
    names("ConfigMap", admin.configMaps().inNamespace(NAMESPACE).list().getItems(), all);
    names(
        "NetworkPolicy",
        admin.network().v1().networkPolicies().inNamespace(NAMESPACE).list().getItems(),
        all);
    return all;
  }

  private static void names(String kind, List<? extends HasMetadata> items, List<String> out) {
    for (HasMetadata item : items) {
      out.add(kind + "/" + item.getMetadata().getName());
    }
  }

  /** The stand-in controller's one pass. */
  private void reconcile() {
    try {
      Map<String, GenericKubernetesResource> sandboxes = new TreeMap<>();
      for (GenericKubernetesResource s :
          admin.genericKubernetesResources(sandboxes()).inNamespace(NAMESPACE).list().getItems()) {
        sandboxes.put(s.getMetadata().getName(), s);
      }
      for (Pod pod : admin.pods().inNamespace(NAMESPACE).list().getItems()) {
        boolean controlled =
            pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> Boolean.TRUE.equals(o.getController()));
        GenericKubernetesResource owner = sandboxes.get(pod.getMetadata().getName());
        if (controlled && (owner == null || !running(owner))) {
          admin.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).delete();
        }
      }
      for (GenericKubernetesResource s : sandboxes.values()) {
        String name = s.getMetadata().getName();
        if (running(s) && admin.pods().inNamespace(NAMESPACE).withName(name).get() == null) {
          createPod(s);
        }
      }
    } catch (RuntimeException e) {
      // The next pass tries again, as a controller would.
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean running(GenericKubernetesResource sandbox) {
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    return "Running".equals(spec.get("operatingMode"));
  }

  @SuppressWarnings("unchecked")
  private void createPod(GenericKubernetesResource sandbox) {
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("podTemplate");
    ObjectMeta meta =
        admin.getKubernetesSerialization().convertValue(template.get("metadata"), ObjectMeta.class);
    PodSpec podSpec =
        admin.getKubernetesSerialization().convertValue(template.get("spec"), PodSpec.class);
    admin
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(sandbox.getMetadata().getName())
                .withUid(UUID.randomUUID().toString())
                .withLabels(meta.getLabels())
                .withAnnotations(meta.getAnnotations())
                .addNewOwnerReference()
                .withApiVersion(VERSION.apiVersion())
                .withKind(SandboxApiVersion.KIND)
                .withName(sandbox.getMetadata().getName())
                .withUid(sandbox.getMetadata().getUid())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(podSpec)
                .build())
        .create();
  }

  @Override
  public void close() {
    controller.shutdownNow();
    admin.close();
    server.destroy();
  }
}
