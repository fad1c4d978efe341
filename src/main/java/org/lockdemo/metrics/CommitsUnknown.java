package org.lockdemo.metrics;

import java.util.List;

/**
 * Commits whose outcome the client cannot know: the connection died while the COMMIT was on its
 * way or its answer was. The server may have committed or rolled back; the checks accept exactly
 * these either way. Also an upsert whose answer cannot tell an insert from an update
 * ({@code CommitLedger.insertedOrUpdated}): its insert is of unknown outcome the same way. Immutable.
 *
 * @param commits             attempts whose COMMIT ended with the connection lost
 * @param inserts             of those, commits that carried the attempt's INSERT
 * @param incrementsPerKey    per key index, counter updates carried by such commits
 */
public record CommitsUnknown(long commits, long inserts, long[] incrementsPerKey) {

    public static final CommitsUnknown NONE = new CommitsUnknown(0, 0, new long[0]);

    /** Merges the workers' counts; call only after every worker thread has joined. */
    static CommitsUnknown merge(List<WorkerStats> workers) {
        long commits = 0;
        long inserts = 0;
        int slots = 0;
        for (WorkerStats w : workers) {
            commits += w.commitsUnknown;
            inserts += w.insertsUnknown;
            slots = Math.max(slots, w.incrementsUnknownPerKey.size());
        }
        long[] perKey = new long[slots];
        for (WorkerStats w : workers) {
            w.incrementsUnknownPerKey.addTo(perKey);
        }
        return commits == 0 ? NONE : new CommitsUnknown(commits, inserts, perKey);
    }

    /** Counter updates of unknown outcome for one key. */
    public long incrementsFor(long keyIndex) {
        return keyIndex < incrementsPerKey.length ? incrementsPerKey[(int) keyIndex] : 0;
    }
}
