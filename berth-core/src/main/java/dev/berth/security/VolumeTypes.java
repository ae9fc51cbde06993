package dev.berth.security;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The source type of a pod volume, by its field name in the Kubernetes API. */
final class VolumeTypes {

  private VolumeTypes() {}

  /**
   * Volume types restricted allows (check_restrictedVolumes.go; {@code image} since Kubernetes
   * 1.33, patched into every policy version). restricted-v2 allows the same set in current
   * OpenShift releases.
   */
  static final List<String> RESTRICTED_ALLOWED =
      List.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "image",
          "persistentVolumeClaim",
          "projected",
          "secret");

  private static final Map<String, Function<Volume, Object>> SOURCES = sources();

  /** The field name of the volume's source, e.g. {@code hostPath}; empty when none is set. */
  static Optional<String> of(Volume volume) {
    return SOURCES.entrySet().stream()
        .filter(e -> e.getValue().apply(volume) != null)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static Map<String, Function<Volume, Object>> sources() {
    Map<String, Function<Volume, Object>> m = new LinkedHashMap<>();
    m.put("configMap", Volume::getConfigMap);
    m.put("csi", Volume::getCsi);
    m.put("downwardAPI", Volume::getDownwardAPI);
    m.put("emptyDir", Volume::getEmptyDir);
    m.put("ephemeral", Volume::getEphemeral);
    m.put("image", Volume::getImage);
    m.put("persistentVolumeClaim", Volume::getPersistentVolumeClaim);
    m.put("projected", Volume::getProjected);
    m.put("secret", Volume::getSecret);
    m.put("hostPath", Volume::getHostPath);
    m.put("awsElasticBlockStore", Volume::getAwsElasticBlockStore);
    m.put("azureDisk", Volume::getAzureDisk);
    m.put("azureFile", Volume::getAzureFile);
    m.put("cephfs", Volume::getCephfs);
    m.put("cinder", Volume::getCinder);
    m.put("fc", Volume::getFc);
    m.put("flexVolume", Volume::getFlexVolume);
    m.put("flocker", Volume::getFlocker);
    m.put("gcePersistentDisk", Volume::getGcePersistentDisk);
    m.put("gitRepo", Volume::getGitRepo);
    m.put("glusterfs", Volume::getGlusterfs);
    m.put("iscsi", Volume::getIscsi);
    m.put("nfs", Volume::getNfs);
    m.put("photonPersistentDisk", Volume::getPhotonPersistentDisk);
    m.put("portworxVolume", Volume::getPortworxVolume);
    m.put("quobyte", Volume::getQuobyte);
    m.put("rbd", Volume::getRbd);
    m.put("scaleIO", Volume::getScaleIO);
    m.put("storageos", Volume::getStorageos);
    m.put("vsphereVolume", Volume::getVsphereVolume);
    return m;
  }
}
