package com.veza.erasure.common;

import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Activity type names as Temporal derives them from an activity interface, so options and metrics
 * keyed by type never retype a name: renaming a method renames its key with it, or breaks the
 * compile.
 */
public final class ActivityTypes {

  private ActivityTypes() {}

  /**
   * The type name of the one method {@code call} invokes, e.g. {@code typeOf(CacheActivities.class,
   * a -> a.purgeCache(null))}. The call goes to a recorder, not an activity: arguments are ignored.
   */
  public static <T> String typeOf(Class<T> activityInterface, Consumer<T> call) {
    Method[] invoked = new Method[1];
    T recorder =
        activityInterface.cast(
            Proxy.newProxyInstance(
                activityInterface.getClassLoader(),
                new Class<?>[] {activityInterface},
                (proxy, method, args) -> {
                  invoked[0] = method;
                  return zeroOf(method.getReturnType());
                }));
    call.accept(recorder);
    if (invoked[0] == null) {
      throw new IllegalArgumentException("the call invoked no method of " + activityInterface);
    }
    return POJOActivityInterfaceMetadata.newInstance(activityInterface)
        .getMethodMetadata(invoked[0])
        .getActivityTypeName();
  }

  /** Every activity type of the interfaces, as a worker registering their implementations would. */
  public static Set<String> typesOf(Iterable<Class<?>> activityInterfaces) {
    Set<String> types = new LinkedHashSet<>();
    for (Class<?> activityInterface : activityInterfaces) {
      for (POJOActivityMethodMetadata method :
          POJOActivityInterfaceMetadata.newInstance(activityInterface).getMethodsMetadata()) {
        types.add(method.getActivityTypeName());
      }
    }
    return Collections.unmodifiableSet(types);
  }

  /** What the recorder returns, so a method returning a primitive does not unbox null. */
  private static Object zeroOf(Class<?> type) {
    return type.isPrimitive() && type != void.class
        ? Array.get(Array.newInstance(type, 1), 0)
        : null;
  }
}
