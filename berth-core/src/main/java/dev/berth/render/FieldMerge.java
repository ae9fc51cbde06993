package dev.berth.render;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the fields of fabric8 model objects that different concerns set, refusing a field that two
 * of them set: this is what makes decorators "only add". A field counts as set when it is neither
 * null nor an empty list or map (fabric8 initialises its list fields to empty lists).
 *
 * <p>Properties are found once per class from the model's public getter/setter pairs, so a field
 * fabric8 adds later is merged too.
 */
final class FieldMerge {

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private FieldMerge() {}

  /**
   * Copies every set field of {@code part} into {@code target}.
   *
   * @param what names the object in the error, e.g. "the pod spec"
   * @throws IllegalStateException when {@code target} already has one of those fields set: two
   *     concerns claim the same field, which is a bug in the renderer
   */
  static <T> void into(T target, T part, String what) {
    Shape shape = SHAPES.get(part.getClass());
    for (Property p : shape.properties()) {
      Object value = p.get(part);
      if (!isSet(value)) {
        continue;
      }
      if (isSet(p.get(target))) {
        throw new IllegalStateException(
            "two concerns set " + p.name() + " of " + what + "; each field has one owner");
      }
      p.set(target, value);
    }
  }

  static boolean isSet(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    return !(value instanceof Map<?, ?> m) || !m.isEmpty();
  }

  /** One read/write property of a model class. */
  private record Property(String name, MethodHandle getter, MethodHandle setter) {

    Object get(Object owner) {
      try {
        return (Object) getter.invokeExact(owner);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + name, e);
      }
    }

    void set(Object owner, Object value) {
      try {
        setter.invokeExact(owner, value);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot write " + name, e);
      }
    }
  }

  /** The read/write properties of one model class. */
  private record Shape(List<Property> properties) {

    // Erased signatures so invokeExact neither boxes nor adapts on every call.
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER =
        MethodType.methodType(void.class, Object.class, Object.class);

    static Shape of(Class<?> type) {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      List<Property> properties = new ArrayList<>();
      for (Method setter : type.getMethods()) {
        if (!isSetter(setter)) {
          continue;
        }
        String name = setter.getName().substring(3);
        getter(type, name, setter.getParameterTypes()[0])
            .ifPresent(getter -> properties.add(property(lookup, type, name, getter, setter)));
      }
      return new Shape(List.copyOf(properties));
    }

    private static Property property(
        MethodHandles.Lookup lookup, Class<?> type, String name, Method getter, Method setter) {
      try {
        return new Property(
            Character.toLowerCase(name.charAt(0)) + name.substring(1),
            lookup.unreflect(getter).asType(GETTER),
            lookup.unreflect(setter).asType(SETTER));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(type.getName() + " is not a mergeable model class", e);
      }
    }

    private static boolean isSetter(Method m) {
      return m.getName().startsWith("set")
          && m.getName().length() > 3
          && m.getParameterCount() == 1
          && !Modifier.isStatic(m.getModifiers())
          && m.getReturnType() == void.class;
    }

    /** The public getter ({@code getX} or {@code isX}) returning the setter's type. */
    private static Optional<Method> getter(Class<?> type, String name, Class<?> propertyType) {
      for (String prefix : List.of("get", "is")) {
        try {
          Method m = type.getMethod(prefix + name);
          if (m.getReturnType() == propertyType) {
            return Optional.of(m);
          }
        } catch (NoSuchMethodException e) {
          // try the next prefix
        }
      }
      return Optional.empty();
    }
  }
}
