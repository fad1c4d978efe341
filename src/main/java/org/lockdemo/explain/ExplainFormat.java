package org.lockdemo.explain;

/** How {@code lockdemo explain} prints a timeline. */
public enum ExplainFormat {
    /** For a terminal: one column per session, time running down, fitted to {@code --width}. */
    TEXT,
    /** One column of statements, each tagged with its session. */
    LIST,
    /** The columns of {@link #TEXT} as a markdown table; pastes into an issue or onto a slide. */
    MARKDOWN,
    /** For tests and tools; {@code lockdemo report} reads it back. */
    JSON,
    /**
     * One self-contained page: the swimlane picture, Next/Previous/Play and the arrow keys to reveal
     * one step at a time, the lock table of the current step, the explanation.
     */
    HTML,
    /** The swimlane picture alone, the whole schedule, as a standalone SVG file. */
    SVG,
    /** A Mermaid {@code sequenceDiagram}: renders in GitHub issues and docs. */
    MERMAID
}
