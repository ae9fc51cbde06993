package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FieldMerge is what makes decorators "only add": it must see every property of the model classes
 * the assembly merges (a property it missed would be silently dropped, or silently overwritten),
 * and it must treat fabric8's empty default lists and maps as unset.
 */
class FieldMergeTest {

  /** A read/write property, found here by the JavaBeans rules rather than FieldMerge's. */
  record Property(String name, Method getter, Method setter) {

    Object get(Object owner) throws Exception {
      return getter.invoke(owner);
    }

    void set(Object owner, Object value) throws Exception {
      setter.invoke(owner, value);
    }
  }

  /**
   * The JavaBeans read/write properties of the type; every public one-argument setter must belong
   * to one, since FieldMerge skips a setter without a matching getter and its field would be lost.
   */
  static List<Property> properties(Class<?> type) throws IntrospectionException {
    List<Property> out = new ArrayList<>();
    for (PropertyDescriptor d :
        Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
      if (d.getWriteMethod() != null) {
        assertThat(d.getReadMethod()).as("getter of %s", d.getName()).isNotNull();
        out.add(new Property(d.getName(), d.getReadMethod(), d.getWriteMethod()));
      }
    }
    List<String> setters =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().startsWith("set") && m.getParameterCount() == 1)
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .map(Method::getName)
            .sorted()
            .toList();
    assertThat(out.stream().map(p -> p.setter().getName()).sorted().toList())
        .as("setters of %s", type.getSimpleName())
        .isEqualTo(setters);
    return out;
  }

  /** A distinct, set (non-null, non-empty) value for the n-th property. */
  static Object value(Class<?> type, int n) throws Exception {
    if (type == String.class) {
      return "v" + n;
    }
    if (type == Boolean.class) {
      return n % 2 == 0;
    }
    if (type == Long.class) {
      return (long) n;
    }
    if (type == Integer.class) {
      return n;
    }
    if (type == List.class) {
      return new ArrayList<>(List.of("item" + n));
    }
    if (type == Map.class) {
      return Map.of("k" + n, "v" + n);
    }
    return type.getConstructor().newInstance();
  }

  /** An instance with every property set. */
  static Object full(Class<?> type) throws Exception {
    Object o = type.getConstructor().newInstance();
    int n = 0;
    for (Property p : properties(type)) {
      p.set(o, value(p.setter().getParameterTypes()[0], n++));
    }
    return o;
  }

  @ParameterizedTest
  @ValueSource(classes = {Container.class, PodSpec.class})
  void everyPropertyArrivesInAnEmptyTarget(Class<?> type) throws Exception {
    List<Property> properties = properties(type);
    assertThat(properties).as("properties of %s", type.getSimpleName()).hasSizeGreaterThan(20);
    Object part = full(type);
    Object target = type.getConstructor().newInstance();

    FieldMerge.into(target, part, "the target");

    for (Property p : properties) {
      assertThat(FieldMerge.isSet(p.get(part))).as("%s is set in the part", p.name()).isTrue();
      assertThat(p.get(target)).as(p.name()).isSameAs(p.get(part));
    }
    assertThat(target).isEqualTo(part);
  }

  /** Each property on its own conflicts, even with an equal value: every field has one owner. */
  @ParameterizedTest
  @ValueSource(classes = {Container.class, PodSpec.class})
  void everyPropertySetTwiceIsRefusedByName(Class<?> type) throws Exception {
    Object target = full(type);
    for (Property p : properties(type)) {
      Object part = type.getConstructor().newInstance();
      p.set(part, p.get(target));

      assertThatThrownBy(() -> FieldMerge.into(target, part, "the target"))
          .as(p.name())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("two concerns set " + p.name() + " of the target; each field has one owner");
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {Container.class, PodSpec.class})
  void anEmptyPartChangesNothing(Class<?> type) throws Exception {
    Object target = full(type);

    FieldMerge.into(target, type.getConstructor().newInstance(), "the target");

    assertThat(target).isEqualTo(full(type));
  }

  @Test
  void emptyListsAndMapsCountAsUnset() {
    Container withEnv = new Container();
    withEnv.setEnv(List.of(new EnvVar("A", "1", null)));
    Container fresh = new Container();
    assertThat(fresh.getEnv()).as("fabric8's default").isEmpty();

    FieldMerge.into(fresh, withEnv, "the container");
    assertThat(fresh.getEnv()).containsExactly(new EnvVar("A", "1", null));
    FieldMerge.into(fresh, new Container(), "the container");
    assertThat(fresh.getEnv()).containsExactly(new EnvVar("A", "1", null));

    PodSpec spec = new PodSpec();
    PodSpec emptyMap = new PodSpec();
    emptyMap.setNodeSelector(Map.of());
    PodSpec selector = new PodSpec();
    selector.setNodeSelector(Map.of("pool", "a"));
    FieldMerge.into(spec, emptyMap, "the pod spec");
    FieldMerge.into(spec, selector, "the pod spec");
    FieldMerge.into(spec, emptyMap, "the pod spec");
    assertThat(spec.getNodeSelector()).containsExactlyEntriesOf(Map.of("pool", "a"));
  }

  @Test
  void nullEmptyListAndEmptyMapAreUnsetButFalseZeroAndEmptyTextAreSet() {
    assertThat(FieldMerge.isSet(null)).isFalse();
    assertThat(FieldMerge.isSet(List.of())).isFalse();
    assertThat(FieldMerge.isSet(Map.of())).isFalse();
    assertThat(FieldMerge.isSet(List.of("a"))).isTrue();
    assertThat(FieldMerge.isSet(Map.of("a", "b"))).isTrue();
    assertThat(FieldMerge.isSet(false)).isTrue();
    assertThat(FieldMerge.isSet(0L)).isTrue();
    assertThat(FieldMerge.isSet("")).isTrue();
  }
}
