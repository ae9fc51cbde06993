package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopiesTest {

  /** Every model class a decorator copies; each gets every property set before copying. */
  @ParameterizedTest
  @ValueSource(
      classes = {
        Container.class,
        PodSpec.class,
        ObjectMeta.class,
        SecurityContext.class,
        PodSecurityContext.class,
        Capabilities.class
      })
  void aCopyKeepsEveryPropertyAndSharesItsValues(Class<?> type) throws Exception {
    Object original = type.getConstructor().newInstance();
    List<String> set = populate(original);
    assertThat(set).as("properties of %s", type.getSimpleName()).hasSizeGreaterThan(1);

    Object copy = Copies.copy(original);

    assertThat(copy).isNotSameAs(original).isEqualTo(original);
    for (Method getter : getters(type)) {
      assertThat(getter.invoke(copy))
          .as("%s.%s", type.getSimpleName(), getter.getName())
          .isSameAs(getter.invoke(original));
    }
  }

  @Test
  void editChangesOnlyTheCopy() {
    Container original = new Container();
    original.setName("agent");
    original.setEnv(List.of(new EnvVar("A", "1", null)));

    Container edited = Copies.edit(original, c -> c.setName("other"));

    assertThat(edited.getName()).isEqualTo("other");
    assertThat(original.getName()).isEqualTo("agent");
    assertThat(edited.getEnv()).isSameAs(original.getEnv());
  }

  @Test
  void appendMakesANewListAndToleratesAnAbsentOne() {
    VolumeMount a = EnvAndMounts.mount("a", "/a");
    VolumeMount b = EnvAndMounts.mount("b", "/b");
    List<VolumeMount> first = List.of(a);

    assertThat(Copies.append(first, List.of(b))).containsExactly(a, b);
    assertThat(first).containsExactly(a);
    assertThat(Copies.<VolumeMount>append(null, List.of(b))).containsExactly(b);
  }

  /** Sets every settable property to a distinct non-null value; returns the property names. */
  private static List<String> populate(Object target) throws Exception {
    List<String> names = new ArrayList<>();
    int n = 0;
    for (Method setter : target.getClass().getMethods()) {
      if (!setter.getName().startsWith("set")
          || setter.getParameterCount() != 1
          || setter.getName().equals("setAdditionalProperties")) {
        continue;
      }
      Class<?> p = setter.getParameterTypes()[0];
      Object value;
      if (p == String.class) {
        value = "v" + n;
      } else if (p == Boolean.class) {
        value = n % 2 == 0;
      } else if (p == Long.class) {
        value = (long) n;
      } else if (p == Integer.class) {
        value = n;
      } else if (p == List.class) {
        value = new ArrayList<>(List.of("item" + n));
      } else if (p == Map.class) {
        value = Map.of("k" + n, "v" + n);
      } else {
        value = p.getConstructor().newInstance();
      }
      setter.invoke(target, value);
      names.add(setter.getName());
      n++;
    }
    target
        .getClass()
        .getMethod("setAdditionalProperty", String.class, Object.class)
        .invoke(target, "extra", "kept");
    return names;
  }

  private static List<Method> getters(Class<?> type) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() == 0
          && m.getDeclaringClass() == type
          && (m.getName().startsWith("get") || m.getName().startsWith("is"))) {
        out.add(m);
      }
    }
    return out;
  }
}
