package org.lockdemo.cli;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A {@link Console} on the process's terminal, through JLine's {@link LineReader}: line editing
 * and history, Ctrl-C clears the line being typed (JLine's default) and Ctrl-D at an empty
 * prompt ends the input. Output goes through {@link LineReader#printAbove}, so a line printed by
 * another thread while the user types appears above the prompt, which is drawn again with what
 * was typed. While no prompt is shown, Ctrl-C is the JVM's: it stops the command as everywhere
 * in lockdemo (the shutdown hook). Thread-safe as JLine's reader is: one reading thread, any
 * printing thread.
 */
final class JLineConsole implements Console {
    private final Terminal terminal;
    private final LineReader reader;
    private boolean closed;

    private JLineConsole(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("lockdemo")
                // SQL is typed as is: no history expansion of !, no completion of file names
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    /**
     * The process's terminal, written through {@code output} (standard output for the sessions
     * REPL; standard error for {@code explain --step}, whose standard output is the timeline).
     *
     * @throws IOException when it cannot be opened
     */
    static JLineConsole system(TerminalBuilder.SystemOutput output) throws IOException {
        return new JLineConsole(TerminalBuilder.builder().system(true).systemOutput(output).name("lockdemo").build());
    }

    @Override
    public String readLine(String prompt) throws IOException {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            return SessionsInput.INTERRUPT;
        } catch (EndOfFileException e) {
            return null;
        } catch (java.io.IOError e) {
            throw new IOException("reading the terminal failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void println(String line) {
        reader.printAbove(line);
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public int columns() {
        return Math.max(0, terminal.getColumns());
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            terminal.close();
        }
    }
}
