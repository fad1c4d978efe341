package org.lockdemo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.lockdemo.db.JdbcUrls;

/**
 * Scrubs text lockdemo prints of secrets: URL password parameters (line by line, so one cannot
 * swallow the following lines) and, when known, the password itself wherever it appears, e.g.
 * in a driver's exception message. Stateless.
 */
final class Secrets {
    private Secrets() {
    }

    /** {@code t}'s stack trace, scrubbed; for --verbose. */
    static String stackTrace(Throwable t, String password) {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            t.printStackTrace(pw);
        }
        return scrub(sw.toString(), password);
    }

    static String scrub(String text, String password) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = JdbcUrls.redact(lines[i]);
        }
        String s = String.join("\n", lines);
        return password == null || password.isEmpty() ? s : s.replace(password, "***");
    }
}
