package org.lockdemo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import org.jline.terminal.TerminalBuilder;

/**
 * Where an interactive command ({@code sessions}, {@code explain --step}) reads the user's lines
 * and prints its own: a terminal through JLine ({@link JLineConsole}), or plain streams
 * ({@link PlainConsole}) when input is a pipe or a file. {@link #readLine} is called from one
 * thread at a time; {@link #println} may be called from any thread, also while another is in
 * {@link #readLine} (a terminal then prints above the prompt and draws it again).
 */
interface Console extends AutoCloseable {

    /**
     * Shows {@code prompt} and reads one line, without its line end.
     *
     * @return the line; null at the end of input (Ctrl-D); {@link SessionsInput#INTERRUPT} for a
     *         Ctrl-C at a terminal's prompt
     * @throws IOException when the input cannot be read
     */
    String readLine(String prompt) throws IOException;

    /** Prints one line of output. */
    void println(String line);

    /** Whether input comes from a terminal, which echoes what is typed (a pipe does not). */
    boolean interactive();

    /** The terminal's width in columns; 0 when not a terminal. */
    int columns();

    /**
     * JLine on the terminal when standard input and the output it writes ({@code onStderr}:
     * standard error, else standard output) are terminals; else plain streams: {@code in}, and
     * {@code out} for what it prints.
     *
     * @throws IOException when the terminal cannot be opened
     */
    static Console open(Terminals terminals, boolean onStderr, InputStream in, PrintWriter out) throws IOException {
        boolean tty = terminals.stdin() && (onStderr ? terminals.stderr() : terminals.stdout());
        if (tty) {
            return JLineConsole.system(onStderr ? TerminalBuilder.SystemOutput.SysErr : TerminalBuilder.SystemOutput.SysOut);
        }
        return new PlainConsole(in, out);
    }

    /** Gives the terminal back as it was; idempotent. */
    @Override
    void close() throws IOException;
}
