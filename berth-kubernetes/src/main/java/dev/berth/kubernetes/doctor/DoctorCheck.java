package dev.berth.kubernetes.doctor;

/**
 * One thing {@code berth doctor} checks. A check reads the cluster through the context's client and
 * may let a {@link io.fabric8.kubernetes.client.KubernetesClientException} escape: {@link Doctor}
 * turns it into a warning naming what the check could not read.
 */
public interface DoctorCheck {

  /** The check's name in output, such as {@code permissions}. */
  String name();

  /** What the check reads, as a verb phrase for error messages ("read the StorageClasses"). */
  String action();

  CheckResult run(DoctorContext context);
}
