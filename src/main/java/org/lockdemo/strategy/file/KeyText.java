package org.lockdemo.strategy.file;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lockdemo.model.RowKey;

/**
 * A text a strategy file builds from the key and the run's table ({@code let: {lock_name:
 * "{table}:{jahr}:{monat}"}}), bound as one text parameter ({@code :lock_name}): the name of
 * MySQL's {@code GET_LOCK}, which the advisory built-in builds as {@code <table>:<jahr>:<monat>}.
 * The placeholders are {@code {table}}, {@code {jahr}}, {@code {monat}} and {@code {index}}, the
 * numbers written without padding. Immutable.
 *
 * @param where    where it is written ({@code FILE:LINE:COL}), for messages
 * @param name     the parameter's name
 * @param template the text as written
 */
record KeyText(String where, String name, String template) implements LetValue {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    static final String PLACEHOLDERS = "{table}, {jahr}, {monat}, {index}";

    /**
     * Parses {@code text}, a text with placeholders; empty when it has a placeholder that is not one
     * of {@link #PLACEHOLDERS}, or a brace that opens none.
     */
    static Optional<KeyText> parse(String where, String name, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        String rest = m.replaceAll("");
        if (rest.contains("{") || rest.contains("}")) {
            return Optional.empty();
        }
        m.reset();
        while (m.find()) {
            if (!PLACEHOLDERS.contains("{" + m.group(1) + "}") || m.group(1).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new KeyText(where, name, text));
    }

    @Override
    public Object value(RowKey key, String table) {
        return template.replace("{table}", table).replace("{jahr}", Integer.toString(key.jahr()))
                .replace("{monat}", Integer.toString(key.monat())).replace("{index}", Long.toString(key.index()));
    }
}
