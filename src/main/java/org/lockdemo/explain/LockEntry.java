package org.lockdemo.explain;

import java.util.List;

/**
 * One lock on the scenario's key, its rows or index entries (or on a transaction the key's
 * uncommitted row belongs to), as the server's lock view showed it after a step. Immutable.
 *
 * @param session     the scenario session that holds or waits for it (another client's session is
 *                    named for what it is, e.g. {@code another client's session 42})
 * @param status      held, or waited for
 * @param object      what it is on, in lockdemo's words: e.g. {@code row (2016, 5)},
 *                    {@code index entry (2016, 5) of the unique key}, {@code gap before (2016, 5)},
 *                    {@code T1's transaction}
 * @param mode        the mode as the server names it: {@code ShareLock}, {@code X,REC_NOT_GAP},
 *                    {@code X,GAP,INSERT_INTENTION}
 * @param serverTerms the lock as the server's view lists it, e.g.
 *                    {@code pg_locks: transactionid 745 ShareLock granted=false}
 * @param plainWords  what it means, in one sentence a class can follow
 * @param waitsFor    for a waited-for lock, the sessions holding it, sorted; empty when held
 */
public record LockEntry(String session, Status status, String object, String mode, String serverTerms,
        String plainWords, List<String> waitsFor) {

    /** Whether the session has the lock or is queued for it. */
    public enum Status {
        HELD,
        WAITING
    }

    public LockEntry {
        waitsFor = List.copyOf(waitsFor);
    }
}
