package org.lockdemo.report;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Runs a piece of a test under another default locale and restores the old one. Stateless. */
public final class Locales {
    private Locales() {
    }

    public static <T> T withDefault(Locale locale, Callable<T> body) throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return body.call();
        } finally {
            Locale.setDefault(saved);
        }
    }
}
