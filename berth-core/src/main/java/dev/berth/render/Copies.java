package dev.berth.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shallow copies of fabric8 model values. Decorators treat the pod's objects as values and copy
 * what they change; fabric8's builders copy deeply, which made each decorator re-create every
 * environment variable and mount of the container it touched (rendering cost eleven times what
 * serialising the result did). A shallow copy shares the unchanged fields, which is safe because no
 * decorator mutates an object it was given — only the fresh copy {@link #edit} hands it.
 *
 * <p>Properties are found once per class from the model's public getter/setter pairs, so a field
 * fabric8 adds later is copied too; {@code CopiesTest} proves every property survives a copy.
 */
final class Copies {

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private Copies() {}

  /** A copy of {@code value} that shares every field value with it. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) {
    // The two classes every decorator copies get direct calls the JIT can inline; the rest go
    // through the handles. CopiesTest checks both paths keep every property.
    if (value.getClass() == Container.class) {
      return (T) container((Container) value);
    }
    if (value.getClass() == PodSpec.class) {
      return (T) podSpec((PodSpec) value);
    }
    return (T) SHAPES.get(value.getClass()).copy(value);
  }

  private static Container container(Container c) {
    Container out = new Container();
    out.setAdditionalProperties(c.getAdditionalProperties());
    out.setArgs(c.getArgs());
    out.setCommand(c.getCommand());
    out.setEnv(c.getEnv());
    out.setEnvFrom(c.getEnvFrom());
    out.setImage(c.getImage());
    out.setImagePullPolicy(c.getImagePullPolicy());
    out.setLifecycle(c.getLifecycle());
    out.setLivenessProbe(c.getLivenessProbe());
    out.setName(c.getName());
    out.setPorts(c.getPorts());
    out.setReadinessProbe(c.getReadinessProbe());
    out.setResizePolicy(c.getResizePolicy());
    out.setResources(c.getResources());
    out.setRestartPolicy(c.getRestartPolicy());
    out.setRestartPolicyRules(c.getRestartPolicyRules());
    out.setSecurityContext(c.getSecurityContext());
    out.setStartupProbe(c.getStartupProbe());
    out.setStdin(c.getStdin());
    out.setStdinOnce(c.getStdinOnce());
    out.setTerminationMessagePath(c.getTerminationMessagePath());
    out.setTerminationMessagePolicy(c.getTerminationMessagePolicy());
    out.setTty(c.getTty());
    out.setVolumeDevices(c.getVolumeDevices());
    out.setVolumeMounts(c.getVolumeMounts());
    out.setWorkingDir(c.getWorkingDir());
    return out;
  }

  private static PodSpec podSpec(PodSpec s) {
    PodSpec out = new PodSpec();
    out.setAdditionalProperties(s.getAdditionalProperties());
    out.setNodeSelector(s.getNodeSelector());
    out.setOverhead(s.getOverhead());
    out.setActiveDeadlineSeconds(s.getActiveDeadlineSeconds());
    out.setAffinity(s.getAffinity());
    out.setAutomountServiceAccountToken(s.getAutomountServiceAccountToken());
    out.setContainers(s.getContainers());
    out.setDnsConfig(s.getDnsConfig());
    out.setDnsPolicy(s.getDnsPolicy());
    out.setEnableServiceLinks(s.getEnableServiceLinks());
    out.setEphemeralContainers(s.getEphemeralContainers());
    out.setEvictionResponders(s.getEvictionResponders());
    out.setHostAliases(s.getHostAliases());
    out.setHostIPC(s.getHostIPC());
    out.setHostNetwork(s.getHostNetwork());
    out.setHostPID(s.getHostPID());
    out.setHostUsers(s.getHostUsers());
    out.setHostname(s.getHostname());
    out.setHostnameOverride(s.getHostnameOverride());
    out.setImagePullSecrets(s.getImagePullSecrets());
    out.setInitContainers(s.getInitContainers());
    out.setNodeName(s.getNodeName());
    out.setOs(s.getOs());
    out.setPreemptionPolicy(s.getPreemptionPolicy());
    out.setPriority(s.getPriority());
    out.setPriorityClassName(s.getPriorityClassName());
    out.setReadinessGates(s.getReadinessGates());
    out.setResourceClaims(s.getResourceClaims());
    out.setResources(s.getResources());
    out.setRestartPolicy(s.getRestartPolicy());
    out.setRuntimeClassName(s.getRuntimeClassName());
    out.setSchedulerName(s.getSchedulerName());
    out.setSchedulingGates(s.getSchedulingGates());
    out.setSchedulingGroup(s.getSchedulingGroup());
    out.setSecurityContext(s.getSecurityContext());
    out.setServiceAccount(s.getServiceAccount());
    out.setServiceAccountName(s.getServiceAccountName());
    out.setSetHostnameAsFQDN(s.getSetHostnameAsFQDN());
    out.setShareProcessNamespace(s.getShareProcessNamespace());
    out.setSubdomain(s.getSubdomain());
    out.setTerminationGracePeriodSeconds(s.getTerminationGracePeriodSeconds());
    out.setTolerations(s.getTolerations());
    out.setTopologySpreadConstraints(s.getTopologySpreadConstraints());
    out.setVolumes(s.getVolumes());
    return out;
  }

  /** A shallow copy of {@code value} after {@code change}; {@code value} itself is untouched. */
  static <T> T edit(T value, Consumer<? super T> change) {
    T copy = copy(value);
    change.accept(copy);
    return copy;
  }

  /** A new list: {@code list} (absent means empty) followed by {@code more}. */
  static <T> List<T> append(List<T> list, List<? extends T> more) {
    List<T> out = new ArrayList<>(size(list) + more.size());
    if (list != null) {
      out.addAll(list);
    }
    out.addAll(more);
    return out;
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** How to copy one model class: its no-argument constructor and its property accessors. */
  private record Shape(MethodHandle constructor, List<MethodHandle[]> properties) {

    // Erased signatures so invokeExact neither boxes nor adapts on every call.
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType SETTER =
        MethodType.methodType(void.class, Object.class, Object.class);

    static Shape of(Class<?> type) {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      try {
        MethodHandle constructor =
            lookup
                .findConstructor(type, MethodType.methodType(void.class))
                .asType(MethodType.methodType(Object.class));
        List<MethodHandle[]> properties = new ArrayList<>();
        for (Method setter : type.getMethods()) {
          if (!isSetter(setter)) {
            continue;
          }
          Class<?> propertyType = setter.getParameterTypes()[0];
          String property = setter.getName().substring(3);
          getter(type, property, propertyType)
              .ifPresent(
                  getter -> {
                    try {
                      properties.add(
                          new MethodHandle[] {
                            lookup.unreflect(getter).asType(GETTER),
                            lookup.unreflect(setter).asType(SETTER)
                          });
                    } catch (IllegalAccessException e) {
                      throw new IllegalStateException(e);
                    }
                  });
        }
        return new Shape(constructor, List.copyOf(properties));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(type.getName() + " is not a copyable model class", e);
      }
    }

    Object copy(Object value) {
      try {
        Object out = constructor.invokeExact();
        for (MethodHandle[] p : properties) {
          p[1].invokeExact(out, (Object) p[0].invokeExact(value));
        }
        return out;
      } catch (Throwable e) {
        throw new IllegalStateException("cannot copy " + value.getClass().getName(), e);
      }
    }

    private static boolean isSetter(Method m) {
      return m.getName().startsWith("set")
          && m.getName().length() > 3
          && m.getParameterCount() == 1
          && !Modifier.isStatic(m.getModifiers())
          && m.getReturnType() == void.class;
    }

    private static java.util.Optional<Method> getter(
        Class<?> type, String property, Class<?> propertyType) {
      for (String prefix : new String[] {"get", "is"}) {
        try {
          Method m = type.getMethod(prefix + property);
          if (m.getReturnType() == propertyType) {
            return java.util.Optional.of(m);
          }
        } catch (NoSuchMethodException e) {
          // try the next prefix
        }
      }
      return java.util.Optional.empty();
    }
  }
}
