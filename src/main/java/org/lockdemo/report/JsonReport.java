package org.lockdemo.report;

import org.HdrHistogram.Histogram;
import org.lockdemo.race.RaceIntensity;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.HdrHistogram.Histogram;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.db.NodeInfo;
import org.lockdemo.metrics.ErrorSample;
import org.lockdemo.metrics.Measurement;
import org.lockdemo.metrics.ProcessCpu;
import org.lockdemo.metrics.Timeline;
import org.lockdemo.model.Outcome;
import org.lockdemo.race.RaceResult;
import org.lockdemo.race.NodeResult;
import org.lockdemo.race.RaceSpec;
import org.lockdemo.race.StrategyResult;
import org.lockdemo.strategy.StrategyKind;

/**
 * The machine-readable result, in the shape documented in the README ("extend, don't rename").
 * Pure: builds a tree and writes it to the caller's writer. Thread-safe (the mapper is immutable
 * after construction).
 */
public final class JsonReport {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonReport() {
    }

    public static void write(RaceResult result, String toolVersion, Writer out) throws IOException {
        MAPPER.writeValue(out, toTree(result, toolVersion));
        out.write('\n');
        out.flush();
    }

    /** Writes a result tree (from {@link #toTree}, possibly extended, or a merge) the same way. */
    public static void write(ObjectNode tree, Writer out) throws IOException {
        MAPPER.writeValue(out, tree);
        out.write('\n');
        out.flush();
    }

    public static ObjectNode toTree(RaceResult result, String toolVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", "lockdemo");
        root.put("version", toolVersion);
        root.put("format_version", FORMAT_VERSION);
        root.put("run_id", result.runId());
        root.put("status", result.complete() ? "complete" : "partial");
        if (!result.complete()) {
            root.put("stop_reason", result.stopReason());
        }
        root.put("started_at", result.startedAt().toString());
        root.put("finished_at", result.finishedAt().toString());
        root.set("database", database(result.database()));
        root.set("config", config(result.spec()));
        root.put("blocked_waits_method", result.lockViewMethod());
        ArrayNode strategies = root.putArray("strategies");
        for (StrategyResult r : result.strategies()) {
            ObjectNode n = strategy(r, result.database().dialect());
            if (result.spec().openLoop()) {
                openLoop(n, r.measurement());
            }
            strategies.add(n);
        }
        root.put("checks_ok", result.checksOk());
        return root;
    }

    private static ObjectNode database(DatabaseInfo db) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("product", db.product());
        n.put("version", db.version());
        n.put("url", db.url());
        n.put("isolation", db.isolation());
        n.put("dialect", db.dialect());
        n.put("embedded", db.embedded());
        ObjectNode settings = n.putObject("settings");
        db.settings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> settings.put(e.getKey(), e.getValue()));
        if (!db.nodes().isEmpty()) {
            // a run across a cluster (or on one cluster node): every node with its wsrep state
            ArrayNode nodes = n.putArray("nodes");
            for (NodeInfo node : db.nodes()) {
                ObjectNode nn = nodes.addObject();
                nn.put("url", node.url());
                nn.put("product", node.product());
                nn.put("version", node.version());
                GaleraStatus g = node.galera();
                if (g != null) {
                    ObjectNode w = nn.putObject("wsrep");
                    w.put("wsrep_node_name", g.nodeName());
                    w.put("wsrep_cluster_size", g.clusterSize());
                    w.put("wsrep_local_state_comment", g.localStateComment());
                    w.put("wsrep_cluster_state_uuid", g.clusterStateUuid());
                    w.put("wsrep_ready", g.ready() ? "ON" : "OFF");
                }
            }
        }
        return n;
    }

    private static ObjectNode config(RaceSpec s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("threads", s.threads());
        if (s.duration() != null) {
            n.put("duration_s", s.duration().toMillis() / 1000.0);
        } else {
            n.put("rounds", s.rounds());
        }
        n.put("keys", s.keys());
        n.put("hold_ms", s.holdMillis());
        n.put("statement_delay_us", s.statementDelay().toNanos() / 1000);
        n.put("seed", s.seed());
        n.put("isolation", s.isolation().cliName());
        n.put("lock_timeout_ms", s.lockTimeout().toMillis());
        n.put("lock_view_interval_us", s.lockViewInterval().toNanos() / 1000);
        n.put("keep", s.keep());
        n.put("max_retries", s.maxRetries());
        n.put("mode", s.openLoop() ? "open" : "closed");
        if (s.openLoop()) {
            n.put("rate_per_s", s.ratePerSecond());
        }
        ArrayNode names = n.putArray("strategies");
        for (StrategyKind k : s.strategies()) {
            names.add(k.id());
        }
        return n;
    }

    /** How hard the threads raced (docs/race.md): exact counts, and which figure is only a lower bound. */
    private static ObjectNode intensity(RaceIntensity ri) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("raced", ri.raced());
        n.put("raced_share", round(ri.racedShare(), 4));
        n.put("raced_is_lower_bound", ri.lowerBound());
        if (ri.lowerBound()) {
            n.put("lower_bound_reason", ri.lowerBoundReason());
        }
        Histogram racers = ri.racersPerRound();
        if (racers == null || racers.getTotalCount() == 0) {
            n.putNull("racers_per_round");
        } else {
            ObjectNode rp = n.putObject("racers_per_round");
            rp.put("mean", round(racers.getMean(), 2));
            rp.put("p50", racers.getValueAtPercentile(50));
            rp.put("max", racers.getMaxValue());
            rp.put("rounds", racers.getTotalCount());
        }
        Histogram spread = ri.startSpreadNanos();
        if (spread == null || spread.getTotalCount() == 0) {
            n.putNull("start_spread_us");
        } else {
            ObjectNode sp = n.putObject("start_spread_us");
            sp.put("p50", round(spread.getValueAtPercentile(50) / 1e3, 1));
            sp.put("p99", round(spread.getValueAtPercentile(99) / 1e3, 1));
            sp.put("max", round(spread.getMaxValue() / 1e3, 1));
            sp.put("releases", spread.getTotalCount());
        }
        return n;
    }

    private static ObjectNode strategy(StrategyResult r, String dialect) {
        Measurement m = r.measurement();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("strategy", r.strategy().id());
        n.put("expected_safe", r.expectedSafe());
        n.put("attempts", m.attempts());
        ObjectNode outcomes = n.putObject("outcomes");
        for (Outcome o : Outcome.all()) {
            outcomes.put(o.id(), m.count(o));
        }
        n.put("blocked_waits", m.blockedWaits());
        n.put("retries", m.retries());
        n.set("latency_us", percentiles(m.latencyNanos()));
        n.set("lock_wait_us", percentiles(m.lockWaitNanos()));
        n.set("acquire_us", percentiles(m.acquireNanos()));
        n.put("throughput_per_s", round(m.throughputPerSecond(), 1));
        n.put("elapsed_s", round(m.elapsedNanos() / 1e9, 3));
        n.put("inserts_committed", m.insertsCommitted());
        if (r.intensity() != null) {
            n.set("race_intensity", intensity(r.intensity()));
        }
        if (r.clientCpuNanos() != ProcessCpu.UNKNOWN) {
            // the whole lockdemo process (all JVM threads) while the workers ran; not the server's CPU
            n.put("client_cpu_nanos", r.clientCpuNanos());
            n.put("client_cpu_us_per_attempt", round(Math.max(0, r.clientCpuNanosPerAttempt()) / 1e3, 2));
        }
        if (r.warmup() != null) {
            ObjectNode w = n.putObject("warmup");
            w.put("duration_s", r.warmup().duration().toMillis() / 1000.0);
            w.put("elapsed_s", round(r.warmup().elapsedNanos() / 1e9, 3));
            w.put("attempts", r.warmup().attempts());
            w.put("table", r.warmup().table());
        }
        n.set("timeline", timeline(m.timeline()));
        // COMMITs whose connection died before the answer: committed or not, the checks accept either
        n.put("commits_unknown", m.commitsUnknown().commits());
        n.put("invariants_ok", r.verdict().ok());
        n.put("verdict", Explanations.verdictWord(r).toLowerCase(java.util.Locale.ROOT));
        n.put("explanation", Explanations.explain(r, dialect));
        ArrayNode checks = n.putArray("checks");
        for (Check c : r.verdict().checks()) {
            ObjectNode cn = checks.addObject();
            cn.put("name", c.name());
            cn.put("passed", c.passed());
            cn.put("enforced", c.enforced());
            cn.put("expected", c.expected());
            cn.put("actual", c.actual());
            cn.put("evidence", c.evidence());
        }
        ArrayNode errors = n.putArray("errors");
        for (ErrorSample e : m.errors()) {
            ObjectNode en = errors.addObject();
            en.put("outcome", e.outcome().id());
            en.put("step", e.step().name().toLowerCase(java.util.Locale.ROOT));
            en.put("sqlstate", e.sqlState());
            en.put("vendor_code", e.vendorCode());
            en.put("condition", e.condition());
            en.put("count", e.count());
            en.put("first_message", e.firstMessage());
        }
        n.put("table", r.table());
        n.put("lock_view_note", r.lockViewNote());
        if (!r.nodes().isEmpty()) {
            ArrayNode nodes = n.putArray("nodes");
            for (NodeResult node : r.nodes()) {
                ObjectNode nn = nodes.addObject();
                nn.put("node", node.node());
                nn.put("url", node.url());
                nn.put("attempts", node.measurement().attempts());
                ObjectNode no = nn.putObject("outcomes");
                for (Outcome o : Outcome.all()) {
                    no.put(o.id(), node.measurement().count(o));
                }
                nn.put("retries", node.measurement().retries());
                nn.put("blocked_waits", node.measurement().blockedWaits());
                // server-wide counters, after minus before the strategy: other clients count too
                ObjectNode deltas = nn.putObject("counter_deltas");
                node.counterDeltas().forEach(deltas::put);
            }
        }
        ObjectNode hist = n.putObject("histograms");
        hist.put("encoding", "HdrHistogram compressed, base64, values in ns");
        hist.put("latency_ns", encode(m.latencyNanos()));
        hist.put("lock_wait_ns", encode(m.lockWaitNanos()));
        hist.put("acquire_ns", encode(m.acquireNanos()));
        return n;
    }

    /** Open loop: the schedule lag (actual minus intended start) and the attempts never started. */
    private static void openLoop(ObjectNode n, Measurement m) {
        n.put("unstarted", m.unstarted());
        n.set("schedule_lag_us", percentiles(m.scheduleLagNanos()));
        ((ObjectNode) n.get("histograms")).put("schedule_lag_ns", encode(m.scheduleLagNanos()));
    }

    /** Per-second samples; the shape {@code lockdemo merge} and {@code lockdemo report} read. */
    private static ObjectNode timeline(Timeline t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("interval_ms", Timeline.INTERVAL_MILLIS);
        ArrayNode attempts = n.putArray("attempts");
        for (long v : t.attempts()) {
            attempts.add(v);
        }
        ArrayNode successes = n.putArray("successes");
        for (long v : t.successes()) {
            successes.add(v);
        }
        return n;
    }

    static ObjectNode percentiles(Histogram h) {
        ObjectNode n = MAPPER.createObjectNode();
        boolean empty = h.getTotalCount() == 0;
        n.put("p50", empty ? 0 : round(h.getValueAtPercentile(50) / 1e3, 1));
        n.put("p90", empty ? 0 : round(h.getValueAtPercentile(90) / 1e3, 1));
        n.put("p99", empty ? 0 : round(h.getValueAtPercentile(99) / 1e3, 1));
        n.put("p999", empty ? 0 : round(h.getValueAtPercentile(99.9) / 1e3, 1));
        n.put("max", empty ? 0 : round(h.getMaxValue() / 1e3, 1));
        n.put("mean", empty ? 0 : round(h.getMean() / 1e3, 1));
        n.put("count", h.getTotalCount());
        return n;
    }

    static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
