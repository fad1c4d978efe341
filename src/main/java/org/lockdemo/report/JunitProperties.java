package org.lockdemo.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.results.MergedFrom;
import org.lockdemo.results.Provenance;
import org.lockdemo.results.RunConfig;
import org.lockdemo.results.RunResult;

/**
 * The {@code <properties>} of a JUnit report: what reproduces the run (lockdemo's version and
 * commit, the command line, the database, the configuration, the machine), named as the JSON's
 * fields are. Only what the result holds, which lockdemo wrote with every password redacted (and
 * {@link JunitReport} redacts again, for a file edited by hand). Absent values are left out.
 * Stateless.
 */
final class JunitProperties {
    private JunitProperties() {
    }

    /** The properties in a stable order. */
    static Map<String, String> of(RunResult r) {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "lockdemo.version", r.version());
        Provenance prov = r.provenance();
        if (prov != null) {
            put(p, "lockdemo.git_commit", prov.gitCommit());
            put(p, "lockdemo.command_line", prov.commandLine());
            put(p, "java", prov.java());
            put(p, "os", prov.os());
            put(p, "cpus", Integer.toString(prov.cpus()));
        }
        put(p, "run_id", r.runId());
        put(p, "status", r.status());
        put(p, "stop_reason", r.stopReason());
        put(p, "started_at", r.startedAt());
        put(p, "finished_at", r.finishedAt());
        DatabaseInfo db = r.database();
        if (db != null) {
            put(p, "database.product", db.product());
            put(p, "database.version", db.version());
            put(p, "database.url", db.url());
            put(p, "database.isolation", db.isolation());
            put(p, "database.embedded", Boolean.toString(db.embedded()));
            if (!db.nodes().isEmpty()) {
                put(p, "database.nodes", Integer.toString(db.nodes().size()));
            }
            new TreeMap<>(db.settings()).forEach((k, v) -> put(p, "database.settings." + k, v));
        }
        RunConfig c = r.config();
        if (c != null) {
            put(p, "config.strategies", String.join(",", c.strategies()));
            put(p, "config.threads", c.threads());
            put(p, "config.rounds", c.rounds());
            put(p, "config.duration_s", c.durationS());
            put(p, "config.keys", c.keys());
            put(p, "config.mode", c.mode());
            put(p, "config.rate_per_s", c.ratePerS());
            put(p, "config.hold_ms", c.holdMs());
            put(p, "config.statement_delay_us", c.statementDelayUs());
            put(p, "config.isolation", c.isolation());
            put(p, "config.seed", c.seed());
            put(p, "config.lock_timeout_ms", c.lockTimeoutMs());
            put(p, "config.answer_timeout_ms", c.answerTimeoutMs());
            put(p, "config.worker_threads", c.workerThreads());
            put(p, "config.max_retries", c.maxRetries());
            put(p, "config.keep", c.keep() == null ? null : c.keep().toString());
        }
        for (int i = 0; i < r.mergedFrom().size(); i++) {
            MergedFrom m = r.mergedFrom().get(i);
            put(p, "merged_from." + i + ".file", m.file());
            put(p, "merged_from." + i + ".run_id", m.runId());
            put(p, "merged_from." + i + ".url", m.url());
            if (m.provenance() != null) {
                put(p, "merged_from." + i + ".command_line", m.provenance().commandLine());
            }
        }
        return p;
    }

    private static void put(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    private static void put(Map<String, String> p, String name, Number value) {
        if (value != null) {
            p.put(name, value instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : value.toString());
        }
    }
}
