package dev.berth.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Every driver setting, in documentation order. The declarations live in one class per group
 * ({@link ServingSettings}, {@link ClusterSettings}, {@link ImageSettings}, {@link
 * SupervisorSettings}, {@link IsolationSettings}, {@link PodSettings}, {@link GatewaySettings},
 * {@link ContractSettings}) to keep each readable.
 */
public final class Settings {

  private Settings() {}

  public static final List<Setting<?>> ALL = all();

  /**
   * The settings the gateway's own configuration must mirror. A G2 or G3 gateway derives the
   * admission policy from its {@code [<root>.drivers.<name>]} table and refuses a driver that
   * reports a different one, so each of these has a {@link Setting#key() key} spelled exactly as
   * that table spells it ({@code resource_admission.required_labels} is the table {@code
   * [<root>.drivers.<name>.resource_admission.required_labels]}). The Helm post-renderer writes the
   * driver's setting and the gateway's table key from one values entry for each of them, so the two
   * cannot disagree.
   */
  public static final List<Setting<?>> GATEWAY_TABLE = ContractSettings.SEPARATE_POLICY;

  /** Upstream options Berth declares only to refuse them ({@link IsolationSettings#REFUSED}). */
  public static final List<Setting<?>> REFUSED = IsolationSettings.REFUSED;

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(ServingSettings.ALL);
    all.addAll(ClusterSettings.ALL);
    all.addAll(ImageSettings.ALL);
    all.addAll(SupervisorSettings.ALL);
    all.addAll(IsolationSettings.ALL);
    all.addAll(PodSettings.ALL);
    all.addAll(GatewaySettings.ALL);
    all.addAll(ContractSettings.ALL);
    all.addAll(LimitSettings.ALL);
    return List.copyOf(all);
  }
}
