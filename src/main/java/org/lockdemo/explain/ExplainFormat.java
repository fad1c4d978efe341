package org.lockdemo.explain;

/** How {@code lockdemo explain} prints a timeline. */
public enum ExplainFormat {
    /** For a terminal: one column per session, time running down, fitted to {@code --width}. */
    TEXT,
    /** One column of statements, each tagged with its session. */
    LIST,
    /** The columns of {@link #TEXT} as a markdown table; pastes into an issue or onto a slide. */
    MARKDOWN,
    /** For tests and tools. */
    JSON
}
