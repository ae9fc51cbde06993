package dev.berth.install;

/**
 * Rendered streams shaped like the OpenShell chart's: the gateway StatefulSet, its gateway.toml
 * ConfigMap, ServiceAccounts and the chart's RBAC, plus an unrelated Service.
 */
final class GatewayStreams {

  private GatewayStreams() {}

  static final String V1_TOML =
      """
      [openshell]
      version = 1

      [openshell.gateway]
      bind_address = "0.0.0.0:8080"
      sandbox_namespace = "agents"

      [openshell.drivers.kubernetes]
      workspace_mode = "shared"
      gateway_id = "gw1"
      topology = "sidecar"
      operator_namespace_label = "ignored-by-berth"

      [openshell.drivers.kubernetes.sidecar]
      proxy_uid = 1400
      """;

  static String v2Toml(String root) {
    return """
        [%s]
        version = 2

        [%s.gateway]
        bind_address = "0.0.0.0:8080"
        sandbox_namespace = "agents"
        compute_driver = "kubernetes"

        [%s.drivers.kubernetes]
        workspace_mode = "shared"
        """
        .formatted(root, root, root);
  }

  /** A stream whose gateway reads {@code toml}; {@code securityContext} is YAML flow text. */
  static String stream(String toml, String securityContext) {
    return """
        ---
        # Source: openshell/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: openshell
        spec:
          selector: {app: openshell}
          ports:
          - {name: grpc, port: 8080, targetPort: grpc}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: openshell-config
        data:
          gateway.toml: |
        %s
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: openshell
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: openshell-sandbox, namespace: agents}
        rules:
        - apiGroups: [agents.x-k8s.io]
          resources: [sandboxes, sandboxes/status]
          verbs: [create, delete, get, list, patch, update, watch]
        - apiGroups: [""]
          resources: [events]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: openshell-sandbox, namespace: agents}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: openshell-sandbox}
        subjects:
        - {kind: ServiceAccount, name: openshell, namespace: openshell}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: openshell-node-reader}
        rules:
        - apiGroups: [authentication.k8s.io]
          resources: [tokenreviews]
          verbs: [create]
        - apiGroups: [""]
          resources: [nodes]
          verbs: [get, list, watch]
        - apiGroups: [""]
          resources: [namespaces]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: openshell-node-reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: openshell-node-reader}
        subjects:
        - {kind: ServiceAccount, name: openshell, namespace: openshell}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: openshell
        spec:
          serviceName: openshell
          selector:
            matchLabels: {app: openshell}
          template:
            metadata:
              labels: {app: openshell}
            spec:
              serviceAccountName: openshell
              securityContext: {fsGroup: 1000}
              containers:
              - name: openshell-gateway
                image: ghcr.io/nvidia/openshell/gateway:0.1.2
                args: [--config, /etc/openshell/gateway.toml]
                securityContext: %s
                env:
                - {name: OPENSHELL_TELEMETRY_ENABLED, value: "false"}
                ports:
                - {name: grpc, containerPort: 8080}
                - {name: health, containerPort: 8081}
                volumeMounts:
                - {name: gateway-config, mountPath: /etc/openshell, readOnly: true}
              volumes:
              - name: gateway-config
                configMap: {name: openshell-config}
        """
        .formatted(toml.indent(4).stripTrailing(), securityContext);
  }

  static String v1() {
    return stream(V1_TOML, "{runAsUser: 1000, runAsNonRoot: true}");
  }
}
