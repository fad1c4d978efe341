package org.lockdemo.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A JDBC interface wrapped by a handler of its calls, for the wrappers that watch what a strategy
 * sends (the recorder's, explain's gate): {@code unwrap} and {@code isWrapperFor} go to the real
 * object, everything else to the handler; {@link #invoke} forwards a call and lets the driver's
 * own exception through. Stateless; thread-safe as the handler is.
 */
public final class JdbcProxy {
    private JdbcProxy() {
    }

    /** What the wrapper does with one call. */
    @FunctionalInterface
    public interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    /** {@code real} seen through {@code h}, as a {@code type}. */
    public static <T> T of(Class<T> type, Object real, Handler h) {
        InvocationHandler ih = (p, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(real, method, args);
            }
            return h.handle(method, args);
        };
        return type.cast(Proxy.newProxyInstance(JdbcProxy.class.getClassLoader(), new Class<?>[] {type}, ih));
    }

    /** Calls {@code m} on {@code target}; the exception it threw comes through as itself. */
    public static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
