package org.lockdemo.cli;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C twice. The first SIGINT starts the graceful stop (the shutdown hook: workers stop,
 * partial results, tables dropped) and says that a second one exits at once; the second closes
 * what must not be left behind (the embedded server and its temporary directory) and halts with
 * 130, without results. The JVM's own handling cannot do this: once shutdown has begun it ignores
 * further signals. Installed through {@code sun.misc.Signal} (module jdk.unsupported) by reflection,
 * so the build sees no internal API; where it is missing, the JVM's default handling stays.
 * Thread-safe: the JVM calls the handler on its signal thread.
 */
public final class InterruptHandler {
    private InterruptHandler() {
    }

    /** Installs the handler; false if this JVM offers no way to (the default handling stays). */
    public static boolean install(ShutdownGuard guard, Runnable firstInterrupt) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
            AtomicInteger seen = new AtomicInteger();
            Object handler = Proxy.newProxyInstance(InterruptHandler.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle":
                                if (seen.incrementAndGet() == 1) {
                                    firstInterrupt.run();
                                } else {
                                    guard.exitNow(ExitCode.INTERRUPTED.code());
                                }
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            default:
                                return "lockdemo SIGINT handler";
                        }
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, sigint, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
