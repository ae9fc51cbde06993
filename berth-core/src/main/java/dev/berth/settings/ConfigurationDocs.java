package dev.berth.settings;

import java.util.List;

/** Renders {@code docs/configuration.md} from the setting declarations. */
public final class ConfigurationDocs {

  private ConfigurationDocs() {}

  /** The whole page; a test keeps the committed file equal to it. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration\n\n")
        .append(
            "<!-- Generated from the setting declarations in dev.berth.settings; do not edit."
                + " Regenerate with: ./mvnw -pl berth-core test -Dtest=ConfigurationDocsTest"
                + " -Dgolden.update=true -->\n\n")
        .append(
            "Every setting of the driver process has three spellings that mean the same thing: a"
                + " command-line flag, an environment variable, and a key in the values file of"
                + " the Helm post-renderer (`berth helm-post-render --values FILE`, see"
                + " [install](install.md)); a key with dots may also be written as nested maps,"
                + " so `sidecar.proxy_uid: 1337` and `sidecar: {proxy_uid: 1337}` are the same."
                + " The keys are upstream's TOML keys of `[openshell.drivers.kubernetes]`."
                + " Names and defaults follow the upstream OpenShell"
                + " Kubernetes driver, so an existing deployment can switch drivers without"
                + " renaming anything; the few settings marked \"Berth only\" have no upstream"
                + " counterpart. Values are trimmed and an empty value means the default. Booleans"
                + " take `true` or `false` (any case) or `1` or `0`. At startup the driver checks"
                + " every setting and the rules between them, and reports all problems at once,"
                + " each naming the flag and the environment variable.\n");
    for (SettingGroup group : SettingGroup.values()) {
      List<Setting<?>> settings = Settings.ALL.stream().filter(s -> s.group() == group).toList();
      if (settings.isEmpty()) {
        continue;
      }
      md.append("\n## ").append(group.title()).append("\n\n").append(group.intro()).append("\n\n");
      md.append("| Flag | Environment variable | Values key | Type | Default | Description |\n");
      md.append("|---|---|---|---|---|---|\n");
      for (Setting<?> s : settings) {
        md.append("| ")
            .append(code(s.flag()))
            .append(" | ")
            .append(code(s.env()))
            .append(" | ")
            .append(code(s.key()))
            .append(" | ")
            .append(cell(s.type()))
            .append(" | ")
            .append(s.defaultValue().isEmpty() ? "unset" : code(s.defaultValue()))
            .append(" | ")
            .append(cell(s.description()))
            .append(gatewayTable(s))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** For settings the gateway must mirror, the key its driver table spells them with. */
  private static String gatewayTable(Setting<?> s) {
    if (!Settings.GATEWAY_TABLE.contains(s)) {
      return "";
    }
    return " Gateway table key: " + code(s.key()) + " in " + code("[<root>.drivers.<name>]") + ".";
  }

  // Entities are not decoded inside code spans, so only the table's '|' is escaped there.
  private static String code(String text) {
    return "`" + text.replace("|", "\\|") + "`";
  }

  // A bare '|' would end the table cell, and '<name>' would be read as an HTML tag.
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
