package org.lockdemo.explain.picture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.lockdemo.explain.LockEntry;
import org.lockdemo.explain.LockSnapshot;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineEvent;

/**
 * The key row's versions after each row of the schedule — absent, uncommitted (by whom),
 * committed, locked by whom — derived from facts the timeline records, never guessed from what a
 * strategy meant to do. The rule, in timeline order, event by event (a blocked step counts when
 * it finishes):
 * <ul>
 * <li>an INSERT (or MERGE) that succeeded with a row ({@code created (1 row)}, {@code 1 row: id = 1})
 * while the row was absent created it: <em>uncommitted by</em> that session; on a Galera cluster
 * a session on another node can do the same before the first commits (two uncommitted versions,
 * one per node, until certification fails the later COMMIT);</li>
 * <li>while the row exists, such an INSERT (an upsert that updated), an UPDATE that updated a row,
 * or a locking read ({@code FOR UPDATE}, {@code FOR SHARE}, {@code LOCK IN SHARE MODE}) that
 * returned it: <em>locked by</em> that session;</li>
 * <li>a creator's COMMIT makes it <em>committed</em>; a COMMIT ends the session's locks;</li>
 * <li>a ROLLBACK, a COMMIT that failed, or on MySQL/MariaDB a deadlock error (InnoDB rolls the
 * victim's whole transaction back) ends the transaction: its uncommitted row is <em>absent</em>
 * again and its locks end. On PostgreSQL an error aborts the transaction but keeps its locks
 * until the ROLLBACK, so only that step counts;</li>
 * <li>ROLLBACK TO SAVEPOINT removes the session's uncommitted row if the INSERT came after that
 * SAVEPOINT. Locks taken after the savepoint are still drawn: InnoDB keeps them, PostgreSQL
 * releases them (with {@code --locks} the lock view says which).</li>
 * </ul>
 * With {@code --locks}, "locked by" is what the server's lock view showed after the step: the
 * sessions holding a lock on the key (other than the creator of an uncommitted row) — so
 * MariaDB's S lock after a duplicate key error shows too. Pure; stateless.
 */
public final class RowVersions {
    /** Whether the key has a row. */
    public enum State {
        /** No row, or only one another session has not inserted yet. */
        ABSENT,
        /** Inserted by {@link Version#creator()}, not committed. */
        UNCOMMITTED,
        /** A committed row. */
        COMMITTED
    }

    /**
     * The key row after one row of the schedule. Immutable.
     *
     * @param atStep       the step of the schedule's row
     * @param state        whether there is a row: committed, else uncommitted if a session inserted it, else absent
     * @param creators     the sessions whose INSERT of it is not committed yet, in the order they inserted: one,
     *                     except on a Galera cluster, where a session on each node can insert the key before
     *                     either commits (certification fails the later COMMIT)
     * @param lockedBy     the sessions holding a lock on it (other than its creators), in session order
     * @param fromLockView whether {@code lockedBy} is the server's lock view ({@code --locks}) rather than the rule
     */
    public record Version(int atStep, State state, List<String> creators, List<String> lockedBy, boolean fromLockView) {
        public Version {
            creators = List.copyOf(creators);
            lockedBy = List.copyOf(lockedBy);
        }

        /** {@code absent}, {@code uncommitted (T1's INSERT)}, {@code committed} or {@code committed + T2's INSERT}. */
        public String stateWords() {
            String inserts = creators.size() == 1 ? creators.get(0) + "'s INSERT"
                    : "INSERTs of " + String.join(", ", creators);
            return switch (state) {
                case ABSENT -> "absent";
                case UNCOMMITTED -> "uncommitted (" + inserts + ")";
                case COMMITTED -> creators.isEmpty() ? "committed" : "committed + " + inserts;
            };
        }

        /** {@code locked by T1, T2}, or empty. */
        public String lockWords() {
            return lockedBy.isEmpty() ? "" : "locked by " + String.join(", ", lockedBy);
        }
    }

    /** What a statement can do to the key's row, from its SQL's first words. */
    enum Statement {
        ROLLBACK_TO_SAVEPOINT("^ROLLBACK\\s+TO\\b"),
        ROLLBACK("^ROLLBACK\\b"),
        COMMIT("^COMMIT\\b"),
        SAVEPOINT("^SAVEPOINT\\b"),
        INSERT("^(INSERT|MERGE)\\b"),
        UPDATE("^UPDATE\\b"),
        LOCKING_READ("^SELECT\\b.*\\b(FOR\\s+(NO\\s+KEY\\s+)?UPDATE|FOR\\s+(KEY\\s+)?SHARE|LOCK\\s+IN\\s+SHARE\\s+MODE)\\b"),
        OTHER(".*");

        private final Pattern pattern;

        Statement(String regex) {
            this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        }

        static Statement of(String sql) {
            String s = sql.strip();
            for (Statement k : values()) {
                if (k.pattern.matcher(s).find()) {
                    return k;
                }
            }
            throw new AssertionError(sql);
        }
    }

    /** {@code created (1 row)}, {@code 1 row: ...}, {@code 1 row updated}, {@code 3 rows}: a statement that touched a row. */
    private static final Pattern SOME_ROWS = Pattern.compile("^(created\\b|[1-9][0-9]* rows?\\b)");
    /** {@code SAVEPOINT name}, {@code ROLLBACK TO [SAVEPOINT] name}: the name. */
    private static final Pattern SAVEPOINT_NAME = Pattern.compile("(\\S+)\\s*;?\\s*$");

    private RowVersions() {
    }

    /** The version after each row of {@code t}'s schedule, keyed and ordered by the row's step. */
    public static Map<Integer, Version> of(Timeline t) {
        Map<Integer, LockSnapshot> views = new HashMap<>();
        t.locks().forEach(s -> views.put(s.atStep(), s));
        String product = t.product().toLowerCase(Locale.ROOT);
        boolean innodb = product.contains("mariadb") || product.contains("mysql");
        Tracker k = new Tracker(t.scenario().sessions(), innodb, t.scenario().clustered());
        Map<Integer, Version> after = new LinkedHashMap<>();
        for (int i = 0; i < t.events().size(); i++) {
            TimelineEvent e = t.events().get(i);
            boolean sent = e.kind() == TimelineEvent.Kind.RAN || e.kind() == TimelineEvent.Kind.BLOCKED;
            int row = sent ? e.step() : e.atStep();
            if (e.result() != null) {
                k.apply(e, i);
            }
            after.put(row, k.version(row, views.get(row)));
        }
        return after;
    }

    /** The state as the events are applied. Not thread-safe: one per call of {@link #of}. */
    private static final class Tracker {
        private final List<String> sessions;
        private final boolean innodb;
        private final boolean cluster;
        private boolean committed;
        /** The sessions whose INSERT is uncommitted, to the index of that event. */
        private final Map<String, Integer> creators = new LinkedHashMap<>();
        private final Set<String> lockers = new LinkedHashSet<>();
        /** Per session, its savepoints: name to the index of the event that set it. */
        private final Map<String, Map<String, Integer>> savepoints = new HashMap<>();

        Tracker(List<String> sessions, boolean innodb, boolean cluster) {
            this.sessions = sessions;
            this.innodb = innodb;
            this.cluster = cluster;
        }

        void apply(TimelineEvent e, int index) {
            Statement kind = Statement.of(e.sql());
            String s = e.session();
            if (e.result().error()) {
                boolean ends = kind == Statement.COMMIT || innodb && "deadlock".equals(e.result().outcome());
                if (ends) {
                    endTransaction(s, false);
                }
                return;
            }
            boolean touched = SOME_ROWS.matcher(e.result().text()).find();
            switch (kind) {
                case COMMIT -> endTransaction(s, true);
                case ROLLBACK -> endTransaction(s, false);
                case SAVEPOINT -> savepoints.computeIfAbsent(s, x -> new HashMap<>()).put(name(e.sql()), index);
                case ROLLBACK_TO_SAVEPOINT -> {
                    Integer set = savepoints.getOrDefault(s, Map.of()).get(name(e.sql()));
                    if (set != null && creators.getOrDefault(s, -1) > set) {
                        creators.remove(s);
                    }
                }
                case INSERT -> {
                    // a second uncommitted INSERT of the key only where sessions run on different nodes
                    boolean creates = !committed && !creators.containsKey(s) && (creators.isEmpty() || cluster);
                    if (touched && creates) {
                        creators.put(s, index);
                    } else if (touched) {
                        lock(s);
                    }
                }
                case UPDATE, LOCKING_READ -> {
                    if (touched && (committed || !creators.isEmpty())) {
                        lock(s);
                    }
                }
                case OTHER -> {
                }
                default -> throw new AssertionError(kind);
            }
        }

        private void lock(String s) {
            if (!creators.containsKey(s)) {
                lockers.add(s);
            }
        }

        private void endTransaction(String s, boolean commit) {
            if (creators.remove(s) != null && commit) {
                committed = true;
            }
            lockers.remove(s);
            savepoints.remove(s);
        }

        private State state() {
            return committed ? State.COMMITTED : creators.isEmpty() ? State.ABSENT : State.UNCOMMITTED;
        }

        Version version(int atStep, LockSnapshot view) {
            List<String> made = new ArrayList<>(creators.keySet());
            if (view == null) {
                return new Version(atStep, state(), made, ordered(lockers), false);
            }
            Set<String> holding = new LinkedHashSet<>();
            for (LockEntry l : view.entries()) {
                if (l.status() == LockEntry.Status.HELD && !creators.containsKey(l.session())) {
                    holding.add(l.session());
                }
            }
            return new Version(atStep, state(), made, ordered(holding), true);
        }

        /** The scenario's sessions first, in their order, then any other (another client's session). */
        private List<String> ordered(Set<String> names) {
            List<String> out = new ArrayList<>();
            sessions.stream().filter(names::contains).forEach(out::add);
            names.stream().filter(n -> !sessions.contains(n)).forEach(out::add);
            return out;
        }
    }

    private static String name(String sql) {
        var m = SAVEPOINT_NAME.matcher(sql.strip());
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }
}
