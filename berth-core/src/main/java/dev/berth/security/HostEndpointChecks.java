package dev.berth.security;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import java.util.List;

/**
 * The baseline checks on where a container reaches the node: host ports, and probes or lifecycle
 * hooks aimed at another host (policy 1.34), which would let the kubelet be used to reach addresses
 * the pod itself cannot.
 */
final class HostEndpointChecks {

  private HostEndpointChecks() {}

  static void hostPorts(ContainerView c, List<Finding> out) {
    List<ContainerPort> ports = c.ports();
    for (int i = 0; i < ports.size(); i++) {
      Integer hostPort = ports.get(i).getHostPort();
      if (hostPort != null && hostPort != 0) {
        out.add(
            new Finding(
                PssControl.HOST_PORTS,
                c.name(),
                c.path() + ".ports[" + i + "].hostPort",
                "binds port " + hostPort + " on the node; baseline requires hostPort unset or 0."));
      }
    }
  }

  static void hostProbes(ContainerView c, List<Finding> out) {
    for (var probe : c.probes()) {
      String at = c.path() + "." + probe.field();
      host(
          c,
          at + ".httpGet.host",
          probe.value().getHttpGet() == null ? null : probe.value().getHttpGet().getHost(),
          out);
      host(
          c,
          at + ".tcpSocket.host",
          probe.value().getTcpSocket() == null ? null : probe.value().getTcpSocket().getHost(),
          out);
    }
    c.lifecycle()
        .ifPresent(
            l -> {
              hook(c, c.path() + ".lifecycle.postStart", l.getPostStart(), out);
              hook(c, c.path() + ".lifecycle.preStop", l.getPreStop(), out);
            });
  }

  private static void hook(
      ContainerView c, String at, LifecycleHandler handler, List<Finding> out) {
    if (handler != null) {
      host(
          c,
          at + ".httpGet.host",
          handler.getHttpGet() == null ? null : handler.getHttpGet().getHost(),
          out);
      host(
          c,
          at + ".tcpSocket.host",
          handler.getTcpSocket() == null ? null : handler.getTcpSocket().getHost(),
          out);
    }
  }

  private static void host(ContainerView c, String field, String host, List<Finding> out) {
    if (host != null && !host.isEmpty()) {
      out.add(
          new Finding(
              PssControl.HOST_PROBES,
              c.name(),
              field,
              "sends the request to host '"
                  + host
                  + "' instead of the pod, so the kubelet can be"
                  + " aimed at other addresses; baseline requires the host unset."));
    }
  }
}
