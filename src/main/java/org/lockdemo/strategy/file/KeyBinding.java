package org.lockdemo.strategy.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lockdemo.model.RowKey;

/**
 * How one of the user's key columns is bound from lockdemo's key (a strategy file's
 * {@code table: {key: {COLUMN: ...}}}): {@code jahr}, {@code monat} or {@code index} (the key's dense
 * number, from 0) bound as a whole number, or a text such as {@code "tag-{monat}"} with those three
 * as placeholders, bound as text. The read-back maps a value back only when it is exactly what the
 * binding renders for some key ({@code "tag-01"} is not {@code "tag-1"}), so distinct keys are
 * distinct rows and a row the race cannot have written is not counted. Immutable.
 *
 * @param template the text with {@code {jahr}}, {@code {monat}}, {@code {index}}; a whole-number
 *                 binding is the bare placeholder
 * @param text     true: bound with {@code setString}; false: a whole number ({@code setInt} for
 *                 jahr and monat, {@code setLong} for index)
 */
record KeyBinding(String template, boolean text) {
    /** The parts of the key a binding can name, each one placeholder. */
    static final List<String> PARTS = List.of("jahr", "monat", "index");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(jahr|monat|index)\\}");

    /** The placeholders it uses, in order. */
    List<String> parts() {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Its value for {@code key}, as text (a whole number's digits when not {@link #text}). */
    String render(RowKey key) {
        return template.replace("{jahr}", Integer.toString(key.jahr())).replace("{monat}", Integer.toString(key.monat()))
                .replace("{index}", Long.toString(key.index()));
    }

    /** The parts of the key {@code value} was rendered from, or empty when no key renders to it. */
    Optional<Map<String, Long>> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([0-9]{1,18})");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        Matcher v = Pattern.compile(regex.toString()).matcher(value);
        if (!v.matches()) {
            return Optional.empty();
        }
        Map<String, Long> parts = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            long n = Long.parseLong(v.group(i + 1));
            Long before = parts.put(names.get(i), n);
            if (before != null && before != n) {
                return Optional.empty(); // "{jahr}-{jahr}" read back as "1-2"
            }
        }
        return Optional.of(parts);
    }

    /**
     * The lockdemo key of a row from its key columns' values (in the order of {@code bindings}),
     * or empty when none renders to them: the parts must agree across columns, name a key
     * ({@code jahr} from 1, {@code monat} 1 to 12, {@code index} from 0), and render back to
     * exactly the values read.
     */
    static Optional<RowKey> keyOf(List<KeyBinding> bindings, List<String> values) {
        Map<String, Long> parts = new HashMap<>();
        for (int i = 0; i < bindings.size(); i++) {
            Optional<Map<String, Long>> p = bindings.get(i).parse(values.get(i));
            if (p.isEmpty()) {
                return Optional.empty();
            }
            for (Map.Entry<String, Long> e : p.get().entrySet()) {
                Long before = parts.put(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    return Optional.empty();
                }
            }
        }
        RowKey key;
        if (parts.containsKey("index")) {
            long index = parts.get("index");
            if (index / 12 >= Integer.MAX_VALUE) {
                return Optional.empty();
            }
            key = RowKey.ofIndex(index);
        } else if (parts.containsKey("jahr") && parts.containsKey("monat")) {
            long jahr = parts.get("jahr");
            long monat = parts.get("monat");
            if (jahr < 1 || jahr > Integer.MAX_VALUE || monat < 1 || monat > 12) {
                return Optional.empty();
            }
            key = new RowKey((int) jahr, (int) monat);
        } else {
            return Optional.empty(); // the reader refuses such a key: it does not tell keys apart
        }
        for (int i = 0; i < bindings.size(); i++) {
            if (!bindings.get(i).render(key).equals(values.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }
}
