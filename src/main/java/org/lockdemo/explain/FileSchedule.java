package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Which session of {@code explain --strategy-file} sends its next statement: a pure rule over what
 * each session has sent so far, so that the same file on the same server gives the same timeline.
 *
 * <p>The default, {@link #race()}, is the race every get-or-create is about, in turns: T1 runs up
 * to and including its first statement on the key's row (a SELECT, INSERT, UPDATE, ...: anything
 * but SET, SAVEPOINT, RELEASE, COMMIT and ROLLBACK), then T2 does the same, so both have looked
 * before either has written; then T1 up to and including its first INSERT, then T2 up to and
 * including its first INSERT (which waits for T1's uncommitted row); then T1 to its end, then T2
 * to its end. A turn whose goal is already reached is skipped, and a turn ends early when its
 * session waits for a lock or its attempt ends; after the turns, the first session that can go on
 * goes on, until both have ended.
 *
 * <p>{@link #explicit} is a list of session numbers, one per statement ({@code --schedule
 * 1,1,2,2,...}), as the isolation tester's permutations list steps; after the list, as after the
 * default's turns, the first session that can go on goes on.
 *
 * <p>Not thread-safe: one per run, used from the interpreter's thread.
 */
final class FileSchedule {
    /** What a turn runs its session up to. */
    enum Goal {
        KEY_STATEMENT, INSERT, END
    }

    private record Turn(int session, Goal goal) {
    }

    /** What the rule knows of one session. */
    static final class State {
        boolean ended;
        boolean waiting;
        boolean sentKeyStatement;
        boolean sentInsert;

        /** Notes a statement the session sent. */
        void sent(String sql) {
            String s = sql.stripLeading().toLowerCase(Locale.ROOT);
            if (isKeyStatement(s)) {
                sentKeyStatement = true;
            }
            if (s.startsWith("insert") || s.startsWith("merge") || s.startsWith("replace")) {
                sentInsert = true;
            }
        }

        boolean reached(Goal g) {
            return switch (g) {
                case KEY_STATEMENT -> sentKeyStatement;
                case INSERT -> sentInsert;
                case END -> ended;
            };
        }

        boolean canGoOn() {
            return !ended && !waiting;
        }
    }

    private final List<Turn> turns;
    /** The explicit list, or null for the default's turns. */
    private final List<Integer> explicit;
    private int at;

    private FileSchedule(List<Turn> turns, List<Integer> explicit) {
        this.turns = turns;
        this.explicit = explicit;
    }

    /** The default for two sessions (0 is T1, 1 is T2). */
    static FileSchedule race() {
        return new FileSchedule(List.of(new Turn(0, Goal.KEY_STATEMENT), new Turn(1, Goal.KEY_STATEMENT),
                new Turn(0, Goal.INSERT), new Turn(1, Goal.INSERT), new Turn(0, Goal.END), new Turn(1, Goal.END)), null);
    }

    /** @param sessions 0-based session indexes, one per statement to send */
    static FileSchedule explicit(List<Integer> sessions) {
        return new FileSchedule(List.of(), List.copyOf(sessions));
    }

    /** Whether this is the list the user gave ({@code --schedule}). */
    boolean isExplicit() {
        return explicit != null;
    }

    /** Whether the next statement is an entry of the user's list (not yet past its end). */
    boolean inTheList() {
        return explicit != null && at < explicit.size();
    }

    /**
     * The session to send a statement next; empty when no session can go on (all ended, or all that
     * have not wait for a lock). With an explicit list, the entry as given, whether or not that
     * session can go on: the caller says why not.
     */
    OptionalInt next(List<State> sessions) {
        if (explicit != null && at < explicit.size()) {
            return OptionalInt.of(explicit.get(at));
        }
        while (explicit == null && at < turns.size()) {
            Turn t = turns.get(at);
            State s = sessions.get(t.session());
            if (s.canGoOn() && !s.reached(t.goal())) {
                return OptionalInt.of(t.session());
            }
            at++;
        }
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).canGoOn()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The session {@link #next} chose sent a statement. */
    void sent() {
        if (explicit != null && at < explicit.size()) {
            at++;
        }
    }

    /**
     * Parses {@code --schedule}: session numbers from 1, separated by commas, e.g. {@code 1,1,2,2}.
     *
     * @throws IllegalArgumentException with one line naming the bad entry
     */
    static List<Integer> parse(String text, int sessions) {
        List<Integer> out = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            int n;
            try {
                n = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--schedule " + text + ": entry " + (i + 1) + " '" + p
                        + "' is not a session number (1 for T1, 2 for T2)");
            }
            if (n < 1 || n > sessions) {
                throw new IllegalArgumentException("--schedule " + text + ": entry " + (i + 1) + " is " + n
                        + "; the sessions are 1 (T1) and 2 (T2)");
            }
            out.add(n - 1);
        }
        return out;
    }

    /** A statement on the key's row: anything but a session setting and transaction control. */
    static boolean isKeyStatement(String lowerSql) {
        return !(lowerSql.startsWith("set") || lowerSql.startsWith("savepoint") || lowerSql.startsWith("release")
                || lowerSql.startsWith("rollback") || lowerSql.startsWith("commit") || lowerSql.startsWith("begin")
                || lowerSql.startsWith("start transaction"));
    }
}
