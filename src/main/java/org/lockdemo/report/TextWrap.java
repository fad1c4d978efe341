package org.lockdemo.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a line of console prose at a width, at spaces ({@link #lines}) or after the commas of a
 * list ({@link #phrases}): the continuation lines indented two more than the line's own indent. A
 * word longer than the width (a URL) stays whole on its line. Stateless.
 */
final class TextWrap {
    private TextWrap() {
    }

    /**
     * A list of phrases, {@code "a, b c, d"}, broken only after a comma where it can be, so no phrase
     * is torn apart ("seed" and its number stay together); a phrase too long for a line of its own is
     * wrapped at its spaces.
     */
    static List<String> phrases(String line, int widthColumns) {
        if (line.length() <= widthColumns) {
            return List.of(line);
        }
        String[] parts = line.split(", ");
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String piece = parts[i] + (i < parts.length - 1 ? "," : "");
            if (current.length() == 0) {
                current.append(joined.isEmpty() ? "" : "  ").append(piece);
            } else if (current.length() + 1 + piece.length() <= widthColumns) {
                current.append(' ').append(piece);
            } else {
                joined.add(current.toString());
                current = new StringBuilder("  ").append(piece);
            }
        }
        joined.add(current.toString());
        List<String> out = new ArrayList<>();
        joined.forEach(l -> out.addAll(lines(l, widthColumns)));
        return out;
    }

    static List<String> lines(String line, int widthColumns) {
        if (line.length() <= widthColumns) {
            return List.of(line);
        }
        int indentEnd = 0;
        while (indentEnd < line.length() && line.charAt(indentEnd) == ' ') {
            indentEnd++;
        }
        String next = " ".repeat(indentEnd + 2);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder(line.substring(0, indentEnd));
        boolean empty = true; // no word on the current line yet
        for (String word : line.substring(indentEnd).split(" +")) {
            if (!empty && current.length() + 1 + word.length() > widthColumns) {
                out.add(current.toString());
                current = new StringBuilder(next);
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = false;
        }
        out.add(current.toString());
        return out;
    }
}
