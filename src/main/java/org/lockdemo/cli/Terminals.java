package org.lockdemo.cli;

import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * Whether lockdemo's own standard output and error are terminals, and the output terminal's width:
 * asked of the process ({@link #system()}, once, when first needed) or fixed ({@link #NONE},
 * {@link #fixed}) for tests, whose writers are never terminals.
 *
 * <p>The process is asked through JLine's terminal providers ({@code isatty} and the window size,
 * through its native library, else through {@code stty}), not by building a JLine {@code Terminal}:
 * a system terminal registers its own signal handlers, which would stand in the way of lockdemo's
 * Ctrl-C handling ({@link InterruptHandler}). Thread-safe.
 */
public final class Terminals {
    /** Neither stream a terminal: what tests and pipes see. */
    public static final Terminals NONE = fixed(false, false, 0);
    /** JLine's providers, in the order tried: its native library, then {@code stty} in a child process. */
    private static final List<String> PROVIDERS = List.of("jni", "exec");

    private record Facts(boolean stdout, boolean stderr, int stdoutColumns, int stderrColumns, boolean stdin) {
    }

    private final Supplier<Facts> source;
    private Facts facts; // guarded by this

    private Terminals(Supplier<Facts> source) {
        this.source = source;
    }

    /** Fixed answers; standard error, when a terminal, is as wide as standard output. */
    public static Terminals fixed(boolean stdout, boolean stderr, int stdoutColumns) {
        Facts f = new Facts(stdout, stderr, stdoutColumns, stdoutColumns, false);
        return new Terminals(() -> f);
    }

    /**
     * These terminals as seen by a command whose human output goes to standard error (a result is
     * on standard output, {@code --json -}): "the output" is then standard error, its tty-ness and
     * its width.
     */
    public Terminals withOutputOnStderr() {
        return new Terminals(() -> {
            Facts f = facts();
            return new Facts(f.stderr(), f.stderr(), f.stderrColumns(), f.stderrColumns(), f.stdin());
        });
    }

    /** This process's standard output and error, asked the first time a question is asked. */
    public static Terminals system() {
        return new Terminals(Terminals::ask);
    }

    /** Whether standard output is a terminal. */
    public boolean stdout() {
        return facts().stdout();
    }

    /** Whether standard input is a terminal (an interactive command then reads it through JLine); never for {@link #fixed}. */
    public boolean stdin() {
        return facts().stdin();
    }

    /** Whether standard error is a terminal. */
    public boolean stderr() {
        return facts().stderr();
    }

    /** The output terminal's width in columns; 0 when unknown or not a terminal. */
    public int stdoutColumns() {
        return facts().stdout() ? Math.max(0, facts().stdoutColumns()) : 0;
    }

    private synchronized Facts facts() {
        if (facts == null) {
            facts = source.get();
        }
        return facts;
    }

    private static Facts ask() {
        for (String name : PROVIDERS) {
            try {
                TerminalProvider p = TerminalProvider.load(name);
                boolean out = p.isSystemStream(SystemStream.Output);
                boolean err = p.isSystemStream(SystemStream.Error);
                return new Facts(out, err, out ? p.systemStreamWidth(SystemStream.Output) : 0,
                        err ? p.systemStreamWidth(SystemStream.Error) : 0, p.isSystemStream(SystemStream.Input));
            } catch (java.io.IOException | RuntimeException | LinkageError e) {
                // This provider cannot answer here (no native library for the platform, no stty):
                // the next one, and after the last "not a terminal", which only costs colour and width.
            }
        }
        return new Facts(false, false, 0, 0, false);
    }
}
