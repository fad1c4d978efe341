package org.lockdemo.metrics;

import org.lockdemo.db.JdbcUrls;

/** Turns exceptions into one printable line with secrets removed. Stateless. */
public final class ErrorMessages {
    private static final int MAX_LENGTH = 300;

    private ErrorMessages() {
    }

    public static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        m = JdbcUrls.redact(m.trim());
        return m.length() > MAX_LENGTH ? m.substring(0, MAX_LENGTH) + "..." : m;
    }
}
