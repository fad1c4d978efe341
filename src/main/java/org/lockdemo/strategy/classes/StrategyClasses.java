package org.lockdemo.strategy.classes;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lockdemo.spi.v1.GetOrCreateStrategy;

/**
 * Loads the user's strategy classes from {@code --classpath}, once, before anything connects, and
 * refuses in one line what cannot be raced: a classpath entry that does not exist, a class that is
 * not there, one that does not implement {@link GetOrCreateStrategy}, one compiled against another
 * version of lockdemo's interface, one without a public no-argument constructor or whose
 * constructor throws, and a name that is not an id. Stateless; thread-safe.
 */
public final class StrategyClasses {
    /** The interface's version: its package, {@code org.lockdemo.spi.v1}. */
    public static final int SPI_VERSION = 1;
    private static final Pattern SPI = Pattern.compile("org[./]lockdemo[./]spi[./]v(\\d+)[./]");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private StrategyClasses() {
    }

    /** The class loader of {@code classpath} (entries separated by the platform's path separator). */
    public static ClassLoader loader(String classpath) throws StrategyClassException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(Pattern.quote(File.pathSeparator))) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new StrategyClassException("--classpath " + entry + ": no such file or directory");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new StrategyClassException("--classpath " + entry + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("lockdemo-strategy-classes", urls.toArray(URL[]::new),
                StrategyClasses.class.getClassLoader());
    }

    /** Loads and instantiates {@code className} from {@code loader}. */
    public static ClassStrategy load(String className, ClassLoader loader) throws StrategyClassException {
        String where = "--strategy-class " + className;
        Class<?> c;
        try {
            c = Class.forName(className, false, loader);
            c.getInterfaces(); // links the interfaces it names: a missing one (another SPI version) fails here
        } catch (ClassNotFoundException e) {
            throw new StrategyClassException(where + ": no such class on --classpath", e);
        } catch (LinkageError e) {
            throw linkage(where, e);
        }
        if (!GetOrCreateStrategy.class.isAssignableFrom(c)) {
            Integer other = otherVersion(c);
            throw new StrategyClassException(where + (other != null ? ": compiled against lockdemo's strategy interface "
                    + "v" + other + " (org.lockdemo.spi.v" + other + "); this lockdemo has v" + SPI_VERSION
                    : ": does not implement " + GetOrCreateStrategy.class.getName()));
        }
        if (Modifier.isAbstract(c.getModifiers())) {
            throw new StrategyClassException(where + ": is abstract or an interface; give a class lockdemo can create");
        }
        GetOrCreateStrategy code;
        try {
            Constructor<?> k = c.getConstructor();
            code = (GetOrCreateStrategy) k.newInstance();
        } catch (NoSuchMethodException e) {
            throw new StrategyClassException(where + ": has no public constructor without arguments", e);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            throw new StrategyClassException(where + ": its constructor threw " + t.getClass().getName()
                    + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())), t);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new StrategyClassException(where + ": cannot be created: " + e, e);
        }
        String id;
        try {
            id = code.name();
        } catch (RuntimeException e) {
            throw new StrategyClassException(where + ": name() threw " + e.getClass().getName(), e);
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new StrategyClassException(where + ": name() is " + (id == null ? "null" : "'" + firstLine(id) + "'")
                    + "; it must be lower case letters, digits and -, starting with a letter, at most 40");
        }
        return new ClassStrategy(code, id);
    }

    /** The version of lockdemo's interface the class implements, if it is another one. */
    private static Integer otherVersion(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                Matcher m = SPI.matcher(i.getName() + ".");
                if (m.find() && Integer.parseInt(m.group(1)) != SPI_VERSION) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return null;
    }

    private static StrategyClassException linkage(String where, LinkageError e) {
        Matcher m = SPI.matcher(String.valueOf(e.getMessage()));
        if (m.find() && Integer.parseInt(m.group(1)) != SPI_VERSION) {
            return new StrategyClassException(where + ": compiled against lockdemo's strategy interface v" + m.group(1)
                    + " (org.lockdemo.spi.v" + m.group(1) + "), which this lockdemo does not have; it has v"
                    + SPI_VERSION, e);
        }
        return new StrategyClassException(where + ": cannot be loaded: " + e.getClass().getSimpleName() + ": "
                + firstLine(String.valueOf(e.getMessage())), e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
