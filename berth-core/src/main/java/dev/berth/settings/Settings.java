package dev.berth.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Every driver setting, in documentation order. The declarations live in one class per group
 * ({@link ServingSettings}, {@link ClusterSettings}, {@link ImageSettings}, {@link
 * SupervisorSettings}, {@link PodSettings}, {@link GatewaySettings}) to keep each readable.
 */
public final class Settings {

  private Settings() {}

  public static final List<Setting<?>> ALL = all();

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(ServingSettings.ALL);
    all.addAll(ClusterSettings.ALL);
    all.addAll(ImageSettings.ALL);
    all.addAll(SupervisorSettings.ALL);
    all.addAll(PodSettings.ALL);
    all.addAll(GatewaySettings.ALL);
    return List.copyOf(all);
  }
}
