package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import io.fabric8.kubernetes.api.model.CSIVolumeSource;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.List;

/** Volumes and mounts of the supervisor pod. */
final class SupervisorVolumes {

  /** CSI driver of the SPIFFE Workload API socket. */
  static final String SPIFFE_CSI_DRIVER = "csi.spiffe.io";

  private SupervisorVolumes() {}

  /** The audience-bound token the supervisor exchanges once for its gateway session. */
  static Volume token(String audience, long ttl) {
    ServiceAccountTokenProjection token = new ServiceAccountTokenProjection();
    token.setAudience(audience);
    token.setExpirationSeconds(ttl);
    token.setPath(ManagedNames.SA_TOKEN_FILE_NAME);
    VolumeProjection source = new VolumeProjection();
    source.setServiceAccountToken(token);
    ProjectedVolumeSource projected = new ProjectedVolumeSource();
    projected.setDefaultMode(SupervisorPod.SECRET_MODE);
    projected.setSources(List.of(source));
    Volume volume = new Volume();
    volume.setName(IsolationNames.SUPERVISOR_TOKEN_VOLUME);
    volume.setProjected(projected);
    return volume;
  }

  static Volume spiffe() {
    CSIVolumeSource csi = new CSIVolumeSource();
    csi.setDriver(SPIFFE_CSI_DRIVER);
    csi.setReadOnly(true);
    Volume volume = new Volume();
    volume.setName(ManagedNames.SPIFFE_VOLUME);
    volume.setCsi(csi);
    return volume;
  }
}
