package org.lockdemo.explain;

import java.util.ArrayList;
import java.util.List;
import org.lockdemo.model.RowKey;

/**
 * InnoDB's record locks in lockdemo's words: the mode as {@code performance_schema.data_locks}
 * names it ({@code S}, {@code X,REC_NOT_GAP}, {@code X,GAP,INSERT_INTENTION}) from the monitor's
 * phrase ({@code lock_mode X locks gap before rec insert intention}), what the record is (the key's
 * row, its unique-index entry, the end of the index), and what the lock means in a sentence. The
 * terms are the MySQL manual's, "InnoDB Locking" (innodb-locking.html): a next-key lock is a record
 * lock plus a lock on the gap before the record; a gap lock only stops inserts into the gap and
 * never conflicts with another gap lock; an insert intention lock is the gap lock an INSERT waits
 * for when another transaction holds a gap or next-key lock on that gap. Stateless; thread-safe.
 */
final class InnoDbLockWords {
    private static final String UNIQUE_INDEX = "jahr_monat_key";
    /** How {@link #record} starts for the supremum pseudo-record, which stands for the gap after the last entry. */
    private static final String SUPREMUM_PREFIX = "the gap at the end of ";

    private InnoDbLockWords() {
    }

    /** {@code S}, {@code X,REC_NOT_GAP}, {@code X,GAP}, {@code X,GAP,INSERT_INTENTION}: performance_schema's terms. */
    static String mode(String phrase) {
        List<String> parts = new ArrayList<>();
        parts.add(phrase.matches("lock[ _]mode X.*") ? "X" : "S");
        if (phrase.contains("locks rec but not gap")) {
            parts.add("REC_NOT_GAP");
        }
        if (phrase.contains("locks gap before rec")) {
            parts.add("GAP");
        }
        if (phrase.contains("insert intention")) {
            parts.add("INSERT_INTENTION");
        }
        return String.join(",", parts);
    }

    /** The record in lockdemo's words: {@code index entry (2016, 5) of the unique key}, {@code row (2016, 5)}. */
    static String record(String index, InnoDbMonitorText.IndexRecord r) {
        boolean primary = index.equals("PRIMARY");
        if (r == null) {
            return SUPREMUM_PREFIX + (primary ? "the primary key" : "the (jahr, monat) index") + " (supremum)";
        }
        String deleted = r.deleteMarked() ? " (delete-marked: deleted or rolled back, not yet purged)" : "";
        if (primary && r.fields().size() >= 5 && r.fields().get(3) != null) {
            return "row " + new RowKey((int) r.integer(3), (int) r.integer(4)) + deleted;
        }
        if (!primary && index.equals(UNIQUE_INDEX) && r.fields().size() >= 3) {
            return "index entry " + new RowKey((int) r.integer(0), (int) r.integer(1)) + deleted;
        }
        return "a record of index " + index + deleted;
    }

    /** What the lock is on: the record, or for a gap or insert-intention lock the gap before it. */
    static String object(String mode, String record) {
        if (record.startsWith(SUPREMUM_PREFIX) || !mode.contains("GAP") || mode.contains("REC_NOT_GAP")) {
            return record;
        }
        return "the gap before " + record;
    }

    /** The lock's meaning, in a sentence; {@code holders} are whom a waiting session waits for. */
    static String plainWords(String session, boolean waiting, String mode, String object, List<String> holders) {
        String by = holders.isEmpty() ? "another session" : String.join(" and ", holders);
        boolean shared = mode.startsWith("S");
        if (mode.contains("INSERT_INTENTION")) {
            return waiting ? session + " wants to insert into this gap and waits, because " + by + " holds a gap or "
                    + "next-key lock on it (an insert intention waits for those, and for nothing else)"
                    : session + " has announced an insert into this gap; insert intentions do not conflict with each other";
        }
        if (mode.contains("REC_NOT_GAP")) {
            String what = (shared ? "a shared" : "an exclusive") + " lock on the record itself, not the gap before it";
            return waiting ? session + " waits for " + what + ": " + by + " holds a conflicting lock on the record"
                    : (shared ? "A shared" : "An exclusive") + " lock on the record itself, not the gap before it: "
                            + (shared ? "others may share it, no one may change it" : "no other session may lock or "
                                    + "change it") + " until " + session + " ends";
        }
        if (object.startsWith(SUPREMUM_PREFIX)) {
            return waiting ? session + " waits for a lock on the gap after the last entry: " + by + " holds one in a "
                    + "conflicting mode"
                    : "A lock on the gap after the last entry (the supremum is no row, so any lock on it is a gap lock): "
                            + "no other session may insert a key there until " + session + " ends";
        }
        if (mode.contains("GAP")) {
            return waiting ? session + " waits for a gap lock"
                    : "A gap lock: no other session may insert into this gap until " + session + " ends; gap locks "
                            + "never conflict with each other";
        }
        if (waiting) {
            return session + " waits for " + (shared ? "a shared" : "an exclusive") + " next-key lock (the record and "
                    + "the gap before it): " + by + " holds the record " + (shared ? "exclusively, e.g. as its "
                    + "uncommitted INSERT of the same key, and only " + by + "'s commit or rollback tells the duplicate "
                    + "check whether the key exists" : "in a conflicting mode");
        }
        return shared ? "A shared next-key lock: the record and the gap before it. Others may share it; no one may change "
                + "the record or insert into the gap until " + session + " ends. A failed duplicate check (1062), a "
                + "SERIALIZABLE read and LOCK IN SHARE MODE take it; ROLLBACK TO SAVEPOINT does not release it"
                : "An exclusive next-key lock: the record and the gap before it; no other session may lock or change "
                        + "the record, or insert into the gap, until " + session + " ends";
    }
}
