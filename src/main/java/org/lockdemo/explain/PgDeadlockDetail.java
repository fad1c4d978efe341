package org.lockdemo.explain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's deadlock DETAIL ({@code Process 123 waits for ShareLock on transaction 456;
 * blocked by process 789.}, one line per edge of the cycle, from {@code DeadLockReport} in
 * src/backend/storage/lmgr/deadlock.c) with the backends and transactions named by the
 * scenario's sessions, and relation and database oids dropped, so the report is the same from
 * run to run. Pure; stateless; thread-safe.
 */
final class PgDeadlockDetail {
    private static final Pattern PROCESS = Pattern.compile("(?i)process (\\d+)");
    private static final Pattern TRANSACTION = Pattern.compile("transaction (\\d+)");
    private static final Pattern RELATION = Pattern.compile(" of relation \\d+ of database \\d+");

    private PgDeadlockDetail() {
    }

    /**
     * @param pids backend pid to session name
     * @param xids transaction id (as text) to the session that held it
     */
    static String named(String detail, Map<Long, String> pids, Map<String, String> xids) {
        if (detail == null || detail.isBlank()) {
            return "";
        }
        String out = replace(PROCESS, detail, m -> pids.getOrDefault(Long.parseLong(m.group(1)), "another client's backend"));
        out = replace(TRANSACTION, out, m -> xids.containsKey(m.group(1)) ? "the transaction of " + xids.get(m.group(1))
                : "a transaction");
        out = RELATION.matcher(out).replaceAll(" of " + ExplainRunner.DISPLAY_TABLE);
        return out;
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(b);
        return b.toString();
    }
}
