package dev.berth.install;

import dev.berth.result.Result;
import dev.berth.settings.ImageSettings;
import dev.berth.settings.Parsed;
import dev.berth.settings.PodSettings;
import dev.berth.settings.PullPolicy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every install-only values key, in documentation order. Driver settings are values keys too (by
 * their {@code key}); these are the ones with no driver setting behind them.
 */
public final class InstallSettings {

  private InstallSettings() {}

  /** Where Berth's releases are published; the tag is the project version. */
  public static final String IMAGE_REPOSITORY = "ghcr.io/berth-dev/berth";

  /**
   * JVM flags of the Berth container, passed as {@code JDK_JAVA_OPTIONS}: the options {@code berth
   * serve} runs with everywhere ({@code dev/berth/cli/serve.jvmopts}, chosen by the start-up and
   * load benchmarks in docs/performance.md: serial collector, a 256 MiB heap that holds about 6,000
   * cached sandboxes with room to spare, C1 only). A test holds the two equal.
   */
  public static final String JVM_OPTIONS =
      "-XX:+UseSerialGC -Xms8m -Xmx256m -XX:TieredStopAtLevel=1";

  /** The gateway's name for an external driver under schema v2. */
  public static final String DEFAULT_DRIVER_NAME = "berth";

  /** Names compiled into the gateway, which it never sends to an external socket. */
  public static final Set<String> BUILT_IN_DRIVERS = Set.of("kubernetes", "docker", "podman", "vm");

  private static final Pattern DRIVER_NAME_SYNTAX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public static final InstallKey<String> IMAGE =
      new InstallKey<>(
          "berth.image",
          "image reference",
          IMAGE_REPOSITORY + ":<Berth version>",
          "Image of the Berth container. The default is the release of the berth binary that runs"
              + " the post-renderer.",
          ImageSettings.SUPERVISOR_IMAGE.parser());

  public static final InstallKey<Optional<PullPolicy>> IMAGE_PULL_POLICY =
      new InstallKey<>(
          "berth.image_pull_policy",
          ImageSettings.SUPERVISOR_IMAGE_PULL_POLICY.type(),
          PullPolicy.IF_NOT_PRESENT.value(),
          "imagePullPolicy of the Berth container.",
          ImageSettings.SUPERVISOR_IMAGE_PULL_POLICY.parser());

  public static final InstallKey<String> JVM_OPTIONS_KEY =
      new InstallKey<>(
          "berth.jvm_options",
          "string",
          JVM_OPTIONS,
          "JVM flags of the Berth container, set as JDK_JAVA_OPTIONS.",
          s -> Parsed.value(s));

  public static final InstallKey<ContainerResources> RESOURCES =
      new InstallKey<>(
          "berth.resources",
          "map: requests and limits of cpu, memory, ephemeral-storage",
          ContainerResources.DEFAULT_TEXT,
          "Resources of the Berth container. Keep the memory limit above the heap bound in"
              + " berth.jvm_options (-Xmx) plus about 150 MiB for the rest of the process.",
          ContainerResources::parse);

  public static final InstallKey<Boolean> OPENSHIFT =
      new InstallKey<>(
          "openshift",
          "boolean",
          "false",
          "Also install a least-privilege SecurityContextConstraints for the sandbox pods of the"
              + " configured topology and grant it to the sandbox ServiceAccount (docs/openshift.md),"
              + " and let OpenShift assign the gateway pod's UID when the chart sets none.",
          PodSettings.ENABLE_USER_NAMESPACES.parser());

  public static final InstallKey<String> DRIVER_NAME =
      new InstallKey<>(
          "gateway_driver_name",
          "string",
          DEFAULT_DRIVER_NAME,
          "Under gateway config schema v2: the name of the [<root>.drivers.<name>] table and of"
              + " compute_driver, which is also the driver_config key callers use. The gateway's"
              + " built-in names (kubernetes, docker, podman, vm) are refused.",
          InstallSettings::driverName);

  /** Every install-only key, in documentation order. */
  public static final List<InstallKey<?>> ALL =
      List.of(IMAGE, IMAGE_PULL_POLICY, JVM_OPTIONS_KEY, RESOURCES, OPENSHIFT, DRIVER_NAME);

  private static Result<String> driverName(String s) {
    if (BUILT_IN_DRIVERS.contains(s)) {
      return Parsed.problem(
          "the gateway keeps built-in driver names for its own drivers and never routes them to a"
              + " socket, so use another name such as '"
              + DEFAULT_DRIVER_NAME
              + "'");
    }
    return DRIVER_NAME_SYNTAX.matcher(s).matches()
        ? Parsed.value(s)
        : Parsed.problem("use lowercase letters, digits, '-' or '_', such as 'berth'");
  }
}
