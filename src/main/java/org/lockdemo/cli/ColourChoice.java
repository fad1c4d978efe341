package org.lockdemo.cli;

import java.util.Map;

/**
 * The one place that decides whether lockdemo colours what it prints: only onto a terminal, never
 * with {@code --no-color}, and never when {@code NO_COLOR} is set and not empty (no-color.org) or
 * {@code TERM} is {@code dumb}. Stateless.
 */
final class ColourChoice {
    private ColourChoice() {
    }

    /**
     * @param noColorOption {@code --no-color} was given
     * @param env           the environment
     * @param terminal      the stream printed to is a terminal
     */
    static boolean on(boolean noColorOption, Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        return terminal && !noColorOption && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
