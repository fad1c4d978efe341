package org.lockdemo.race;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the race's workers run on ({@code --worker-threads}): one kernel thread each, or virtual
 * threads (Java 21 and newer), which the JVM runs on about one carrier thread per core and parks
 * while they wait for the server: fewer kernel threads to wake and switch between. lockdemo is
 * built for Java 17, so virtual threads are made through reflection when the JVM has them. Workers
 * are daemon threads either way (virtual threads always are). Immutable.
 */
public enum WorkerThreads {
    /** One platform (kernel) thread per worker. */
    PLATFORM,
    /** One virtual thread per worker; needs Java 21 or newer. */
    VIRTUAL;

    /** The first Java feature release whose virtual threads are final. */
    public static final int VIRTUAL_SINCE_JAVA = 21;

    /** The command-line and JSON name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this JVM can run workers of this kind. */
    public boolean available() {
        return this == PLATFORM || Runtime.version().feature() >= VIRTUAL_SINCE_JAVA;
    }

    /** A factory of worker threads named {@code prefix0}, {@code prefix1}, ... */
    ThreadFactory factory(String prefix) {
        if (this == PLATFORM) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            };
        }
        if (!available()) {
            throw new IllegalStateException("virtual threads need Java " + VIRTUAL_SINCE_JAVA + "+, this is "
                    + Runtime.version());
        }
        try {
            // Thread.ofVirtual().name(prefix, 0).factory(), compiled against Java 17
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot make virtual threads: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make virtual threads on " + Runtime.version() + ": " + e, e);
        }
    }
}
