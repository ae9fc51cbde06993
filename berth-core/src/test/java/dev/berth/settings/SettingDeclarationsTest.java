package dev.berth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Result;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SettingDeclarationsTest {

  private static final List<Class<?>> GROUP_CLASSES =
      List.of(
          ServingSettings.class,
          ClusterSettings.class,
          ImageSettings.class,
          SupervisorSettings.class,
          IsolationSettings.class,
          PodSettings.class,
          GatewaySettings.class,
          ContractSettings.class,
          LimitSettings.class);

  @Test
  void everyDeclaredSettingIsListedOnceInAll() throws IllegalAccessException {
    List<Setting<?>> declared = new ArrayList<>();
    for (Class<?> c : GROUP_CLASSES) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == Setting.class && Modifier.isStatic(f.getModifiers())) {
          assertThat(Modifier.isPublic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
              .as(f.getName())
              .isTrue();
          declared.add((Setting<?>) f.get(null));
        }
      }
    }
    assertThat(Settings.ALL).containsExactlyInAnyOrderElementsOf(declared);
    assertThat(Settings.ALL).doesNotHaveDuplicates();
    assertThat(Settings.ALL).hasSize(61);
  }

  @Test
  void namesAreUniqueInEverySpelling() {
    for (Function<Setting<?>, String> name :
        List.<Function<Setting<?>, String>>of(Setting::env, Setting::flag, Setting::key)) {
      assertThat(Settings.ALL.stream().map(name).toList()).doesNotHaveDuplicates();
    }
  }

  @Test
  void namesFollowTheirConventions() {
    Pattern env = Pattern.compile("OPENSHELL_[A-Z0-9_]+");
    Pattern flag = Pattern.compile("--[a-z0-9]+(-[a-z0-9]+)*");
    Pattern key = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*(\\.[a-z0-9]+(_[a-z0-9]+)*)?");
    for (Setting<?> s : Settings.ALL) {
      assertThat(s.env()).as(s.env()).startsWith("OPENSHELL_").matches(env);
      assertThat(s.flag()).as(s.env()).matches(flag);
      assertThat(s.key()).as(s.env()).matches(key);
      assertThat(s.type()).as(s.env()).isNotBlank();
    }
  }

  @Test
  void everySettingIsDescribedInSentences() {
    for (Setting<?> s : Settings.ALL) {
      assertThat(s.description()).as(s.env()).isNotBlank().endsWith(".");
    }
  }

  @Test
  void everyDefaultParses() {
    for (Setting<?> s : Settings.ALL) {
      assertThat(s.parse(s.defaultValue())).as(s.env()).isInstanceOf(Result.Valid.class);
    }
  }

  @Test
  void everyGroupHasSettingsAndIsShownInDeclarationOrder() {
    List<SettingGroup> order = Settings.ALL.stream().map(Setting::group).distinct().toList();
    assertThat(order).containsExactly(SettingGroup.values());
  }

  @Test
  void upstreamNamesAreKeptVerbatim() {
    // Spot checks against crates/openshell-driver-kubernetes/src/main.rs, where a rename is
    // easiest to slip in unnoticed.
    assertThat(SupervisorSettings.HTTPS_PROXY.env()).isEqualTo("OPENSHELL_UPSTREAM_PROXY");
    assertThat(SupervisorSettings.NO_PROXY.env()).isEqualTo("OPENSHELL_UPSTREAM_NO_PROXY");
    assertThat(SupervisorSettings.PROXY_CONNECT_BY_HOSTNAME.flag())
        .isEqualTo("--proxy-connect-by-hostname");
    assertThat(GatewaySettings.SPIFFE_WORKLOAD_API_SOCKET.env())
        .isEqualTo("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET");
    assertThat(GatewaySettings.SSH_SOCKET_PATH.flag()).isEqualTo("--sandbox-ssh-socket-path");
    assertThat(ClusterSettings.SANDBOX_SERVICE_ACCOUNT.env())
        .isEqualTo("OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT");
    assertThat(
            Arrays.stream(SettingGroup.values())
                .map(SettingGroup::title)
                .filter(String::isBlank)
                .toList())
        .isEmpty();
  }
}
