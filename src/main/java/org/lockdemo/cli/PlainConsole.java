package org.lockdemo.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Console} on plain streams, for input from a pipe or a file (and tests): no line
 * editing, no prompt (nothing is typed at it); lines read are not echoed here, the command
 * echoes them where its transcript needs them. Thread-safe for {@link #println}; {@link #readLine}
 * from one thread at a time.
 */
final class PlainConsole implements Console {
    private final BufferedReader in;
    private final PrintWriter out;

    PlainConsole(InputStream in, PrintWriter out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return in.readLine();
    }

    @Override
    public void println(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public int columns() {
        return 0;
    }

    @Override
    public void close() {
        out.flush(); // the input is the caller's (System.in): not closed here
    }
}
