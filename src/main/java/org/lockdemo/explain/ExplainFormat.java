package org.lockdemo.explain;

/** How {@code lockdemo explain} prints a timeline. */
public enum ExplainFormat {
    /** For a terminal. */
    TEXT,
    /** One column per session; pastes into an issue or onto a slide. */
    MARKDOWN,
    /** For tests and tools. */
    JSON
}
