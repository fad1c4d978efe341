package org.lockdemo.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.db.GaleraStatus;
import org.lockdemo.db.NodeInfo;

/**
 * The one codec of {@link RunResult}: the only class that knows the JSON field names, for writing
 * ({@code race --json}, {@code merge -o}) and reading ({@code merge}, {@code report},
 * {@code matrix-summary}). The shape is the JSON reference (docs/results.md): extend, don't rename.
 *
 * <p>Writing keeps the field order and number forms of every earlier lockdemo; numbers are written as the record holds them,
 * already rounded, so a file read and written again is unchanged. Reading is lenient: a field the file lacks
 * (an older or hand-written file) becomes null and is left out when written again; callers that
 * need a field check it. Stateless; thread-safe (the mapper is immutable after construction).
 */
public final class ResultJson {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private ResultJson() {
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code result} as indented JSON and a line end to the caller's writer, and flushes it. */
    public static void write(RunResult result, Writer out) throws IOException {
        MAPPER.writeValue(out, toTree(result));
        out.write('\n');
        out.flush();
    }

    /** The JSON text {@link #write} writes. */
    public static String toText(RunResult result) {
        try {
            return MAPPER.writeValueAsString(toTree(result)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result tree always serializes", e);
        }
    }

    public static ObjectNode toTree(RunResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", r.tool());
        root.put("version", r.version());
        putNumber(root, "format_version", r.formatVersion());
        root.put("run_id", r.runId());
        root.put("status", r.status());
        if (!r.complete() || r.stopReason() != null) {
            root.put("stop_reason", r.stopReason());
        }
        root.put("started_at", r.startedAt());
        root.put("finished_at", r.finishedAt());
        if (r.database() != null) {
            root.set("database", database(r.database()));
        }
        if (r.config() != null) {
            root.set("config", config(r.config()));
        }
        root.put("blocked_waits_method", r.blockedWaitsMethod());
        ArrayNode strategies = root.putArray("strategies");
        boolean merged = !r.mergedFrom().isEmpty();
        r.strategies().forEach(s -> strategies.add(strategy(s, merged)));
        putBoolean(root, "checks_ok", r.checksOk());
        if (!r.mergedFrom().isEmpty()) {
            ArrayNode from = root.putArray("merged_from");
            for (MergedFrom m : r.mergedFrom()) {
                ObjectNode f = from.addObject();
                f.put("file", m.file());
                f.put("run_id", m.runId());
                f.put("status", m.status());
                f.put("started_at", m.startedAt());
                f.put("finished_at", m.finishedAt());
                // every field, null where the input lacked it, as merges have always written them
                f.put("seed", m.seed());
                f.put("url", m.url());
                f.set("provenance", m.provenance() == null ? null : provenance(m.provenance()));
            }
        }
        if (r.provenance() != null) {
            root.set("provenance", provenance(r.provenance()));
        }
        if (r.startup() != null) {
            Startup s = r.startup();
            root.put("startup_millis", s.startupMillis());
            ObjectNode phases = root.putObject("startup_phases_millis");
            phases.put("jvm_to_command", s.jvmToCommandMillis());
            putNumber(phases, "embedded_server", s.embeddedServerMillis());
            phases.put("database_setup", s.databaseSetupMillis());
        }
        if (!r.expectations().isEmpty()) {
            ArrayNode a = root.putArray("expectations");
            for (ExpectationCheck e : r.expectations()) {
                ObjectNode n = a.addObject();
                n.put("expression", e.expression());
                n.put("passed", e.passed());
                if (e.forAll()) {
                    ObjectNode per = n.putObject("actual");
                    e.actual().forEach(per::put);
                } else {
                    n.put("actual", e.actual().values().stream().findFirst().orElse(null));
                }
            }
        }
        return root;
    }

    static ObjectNode provenance(Provenance p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("command_line", p.commandLine());
        n.put("lockdemo_version", p.lockdemoVersion());
        n.put("git_commit", p.gitCommit());
        n.put("java", p.java());
        n.put("os", p.os());
        n.put("cpus", p.cpus());
        return n;
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
        new TreeMap<>(db.settings()).forEach(settings::put);
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

    private static ObjectNode config(RunConfig c) {
        ObjectNode n = MAPPER.createObjectNode();
        putNumber(n, "threads", c.threads());
        if (c.durationS() != null) {
            n.put("duration_s", c.durationS());
        } else {
            putNumber(n, "rounds", c.rounds());
        }
        putNumber(n, "keys", c.keys());
        putNumber(n, "hold_ms", c.holdMs());
        putNumber(n, "statement_delay_us", c.statementDelayUs());
        putNumber(n, "seed", c.seed());
        n.put("isolation", c.isolation());
        putNumber(n, "lock_timeout_ms", c.lockTimeoutMs());
        if (c.answerTimeoutMs() != null) { // absent from files of older versions
            n.put("answer_timeout_ms", c.answerTimeoutMs());
        }
        putNumber(n, "lock_view_interval_us", c.lockViewIntervalUs());
        putBoolean(n, "keep", c.keep());
        putNumber(n, "max_retries", c.maxRetries());
        if (c.mode() != null) {
            n.put("mode", c.mode());
        }
        if (c.ratePerS() != null) {
            n.put("rate_per_s", c.ratePerS());
        }
        if (c.keysPerAttempt() != null) { // only for several keys per attempt: older files stay as they were
            n.put("keys_per_attempt", c.keysPerAttempt());
            n.put("key_order", c.keyOrder());
        }
        if (c.workerThreads() != null) {
            n.put("worker_threads", c.workerThreads());
        }
        ArrayNode names = n.putArray("strategies");
        c.strategies().forEach(names::add);
        return n;
    }

    /**
     * One strategy's entry. A race and a merge have always written the same fields in two orders
     * (the merge built its entry anew); each keeps its own, so both files stay byte-compatible.
     */
    private static ObjectNode strategy(StrategyEntry s, boolean merged) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("strategy", s.strategy());
        putBoolean(n, "expected_safe", s.expectedSafe());
        putNumber(n, "attempts", s.attempts());
        if (s.outcomes() != null) {
            ObjectNode outcomes = n.putObject("outcomes");
            s.outcomes().forEach(outcomes::put);
        }
        putNumber(n, "blocked_waits", s.blockedWaits());
        putNumber(n, "retries", s.retries());
        if (s.gaveUp() != null) {
            n.put("gave_up", s.gaveUp()); // only when some attempt used up its retries
        }
        if (s.keyOutcomes() != null) {
            ObjectNode keys = n.putObject("key_outcomes"); // only for several keys per attempt
            s.keyOutcomes().forEach(keys::put);
        }
        if (merged) {
            intensity(n, s);
            putNumber(n, "unstarted", s.unstarted());
            percentiles(n, s);
            putPercentiles(n, "schedule_lag_us", s.scheduleLagUs());
            rateAndInserts(n, s);
            putNumber(n, "commits_unknown", s.commitsUnknown());
            clientCpuAndWarmup(n, s);
            verdictToNodes(n, s);
            histograms(n, s);
            timeline(n, s);
        } else {
            percentiles(n, s);
            rateAndInserts(n, s);
            intensity(n, s);
            clientCpuAndWarmup(n, s);
            timeline(n, s);
            // COMMITs whose connection died before the answer: committed or not, the checks accept either
            putNumber(n, "commits_unknown", s.commitsUnknown());
            verdictToNodes(n, s);
            histograms(n, s);
            // open loop: the attempts never started and the schedule lag (actual minus intended start)
            putNumber(n, "unstarted", s.unstarted());
            putPercentiles(n, "schedule_lag_us", s.scheduleLagUs());
        }
        return n;
    }

    private static void percentiles(ObjectNode n, StrategyEntry s) {
        putPercentiles(n, "latency_us", s.latencyUs());
        putPercentiles(n, "lock_wait_us", s.lockWaitUs());
        putPercentiles(n, "acquire_us", s.acquireUs());
    }

    private static void rateAndInserts(ObjectNode n, StrategyEntry s) {
        putNumber(n, "throughput_per_s", s.throughputPerS());
        putNumber(n, "elapsed_s", s.elapsedS());
        putNumber(n, "inserts_committed", s.insertsCommitted());
    }

    private static void intensity(ObjectNode n, StrategyEntry s) {
        if (s.raceIntensity() != null) {
            n.set("race_intensity", intensity(s.raceIntensity()));
        }
    }

    private static void clientCpuAndWarmup(ObjectNode n, StrategyEntry s) {
        if (s.clientCpu() != null) {
            // the whole lockdemo process (all JVM threads) while the workers ran; not the server's CPU
            n.put("client_cpu_nanos", s.clientCpu().nanos());
            n.put("client_cpu_us_per_attempt", s.clientCpu().usPerAttempt());
        }
        if (s.warmup() != null) {
            ObjectNode w = n.putObject("warmup");
            w.put("duration_s", s.warmup().durationS());
            w.put("elapsed_s", s.warmup().elapsedS());
            w.put("attempts", s.warmup().attempts());
            w.put("table", s.warmup().table());
        }
    }

    private static void timeline(ObjectNode n, StrategyEntry s) {
        if (s.timeline() == null) {
            return;
        }
        ObjectNode t = n.putObject("timeline");
        t.put("interval_ms", s.timeline().intervalMs());
        ArrayNode attempts = t.putArray("attempts");
        for (long v : s.timeline().attempts()) {
            attempts.add(v);
        }
        ArrayNode successes = t.putArray("successes");
        for (long v : s.timeline().successes()) {
            successes.add(v);
        }
    }

    /** From {@code invariants_ok} to the per-node entries. */
    private static void verdictToNodes(ObjectNode n, StrategyEntry s) {
        putBoolean(n, "invariants_ok", s.invariantsOk());
        n.put("verdict", s.verdict());
        n.put("explanation", s.explanation());
        ArrayNode checks = n.putArray("checks");
        for (Check c : s.checks()) {
            ObjectNode cn = checks.addObject();
            cn.put("name", c.name());
            cn.put("passed", c.passed());
            cn.put("enforced", c.enforced());
            cn.put("expected", c.expected());
            cn.put("actual", c.actual());
            cn.put("evidence", c.evidence());
            if (!c.applicable()) {
                cn.put("applicable", false); // written only when false: every other result is as before
            }
        }
        ArrayNode errors = n.putArray("errors");
        for (ErrorEntry e : s.errors()) {
            ObjectNode en = errors.addObject();
            en.put("outcome", e.outcome());
            en.put("step", e.step());
            en.put("sqlstate", e.sqlState());
            putNumber(en, "vendor_code", e.vendorCode());
            en.put("condition", e.condition());
            en.put("count", e.count());
            en.put("first_message", e.firstMessage());
        }
        n.put("table", s.table());
        n.put("lock_view_note", s.lockViewNote());
        if (!s.nodes().isEmpty()) {
            ArrayNode nodes = n.putArray("nodes");
            for (NodeEntry node : s.nodes()) {
                ObjectNode nn = nodes.addObject();
                nn.put("node", node.node());
                nn.put("url", node.url());
                nn.put("attempts", node.attempts());
                ObjectNode no = nn.putObject("outcomes");
                node.outcomes().forEach(no::put);
                nn.put("retries", node.retries());
                nn.put("blocked_waits", node.blockedWaits());
                // server-wide counters, after minus before the strategy: other clients count too
                ObjectNode deltas = nn.putObject("counter_deltas");
                node.counterDeltas().forEach(deltas::put);
            }
        }
    }

    private static void histograms(ObjectNode n, StrategyEntry s) {
        if (s.histograms() == null) {
            return;
        }
        HistogramSet h = s.histograms();
        ObjectNode hist = n.putObject("histograms");
        hist.put("encoding", h.encoding());
        putHistogram(hist, "latency_ns", h.latency());
        putHistogram(hist, "lock_wait_ns", h.lockWait());
        putHistogram(hist, "acquire_ns", h.acquire());
        putHistogram(hist, "schedule_lag_ns", h.scheduleLag());
    }

    /** How hard the threads raced (docs/race.md): exact counts, and which figure is only a lower bound. */
    private static ObjectNode intensity(RaceIntensityEntry ri) {
        ObjectNode n = MAPPER.createObjectNode();
        putNumber(n, "raced", ri.raced());
        putNumber(n, "raced_share", ri.racedShare());
        putBoolean(n, "raced_is_lower_bound", ri.racedIsLowerBound());
        if (ri.lowerBoundReason() != null) {
            n.put("lower_bound_reason", ri.lowerBoundReason());
        }
        RaceIntensityEntry.RacersPerRound racers = ri.racersPerRound();
        if (racers == null) {
            n.putNull("racers_per_round");
        } else {
            ObjectNode rp = n.putObject("racers_per_round");
            rp.put("mean", racers.mean());
            rp.put("p50", racers.p50());
            rp.put("max", racers.max());
            rp.put("rounds", racers.rounds());
        }
        RaceIntensityEntry.StartSpread spread = ri.startSpread();
        if (spread == null) {
            n.putNull("start_spread_us");
        } else {
            ObjectNode sp = n.putObject("start_spread_us");
            sp.put("p50", spread.p50Us());
            sp.put("p99", spread.p99Us());
            sp.put("max", spread.maxUs());
            sp.put("releases", spread.releases());
        }
        if (ri.notMerged() != null) {
            n.put("not_merged", ri.notMerged());
        }
        return n;
    }

    private static void putPercentiles(ObjectNode parent, String field, Percentiles p) {
        if (p == null) {
            return;
        }
        ObjectNode n = parent.putObject(field);
        putNumber(n, "p50", p.p50Us());
        putNumber(n, "p90", p.p90Us());
        putNumber(n, "p99", p.p99Us());
        putNumber(n, "p999", p.p999Us());
        putNumber(n, "max", p.maxUs());
        putNumber(n, "mean", p.meanUs());
        putNumber(n, "count", p.count());
    }

    private static void putHistogram(ObjectNode n, String field, EncodedHistogram h) {
        if (h != null) {
            n.put(field, h.base64());
        }
    }

    private static void putNumber(ObjectNode n, String field, Double value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putNumber(ObjectNode n, String field, Long value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putNumber(ObjectNode n, String field, Integer value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putBoolean(ObjectNode n, String field, Boolean value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    /**
     * A value as JSON text ({@code 4}, {@code "serializable"}, {@code [1,2]}), for messages about a
     * file; empty for a value the file lacks.
     */
    public static String literal(Object value) {
        Object v = value instanceof Map<?, ?> m ? new TreeMap<>(m) : value;
        return v == null ? "" : MAPPER.valueToTree(v).toString();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Parses JSON text into a result.
     *
     * @throws JsonProcessingException if the text is not JSON (its message says where)
     * @throws IllegalArgumentException if it is JSON but not an object
     */
    public static RunResult read(String json) throws JsonProcessingException {
        return read(MAPPER.readTree(json));
    }

    /**
     * Reads a parsed result. Lenient: missing fields are null (see {@link RunResult}).
     *
     * @throws IllegalArgumentException if {@code root} is not a JSON object
     */
    public static RunResult read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<StrategyEntry> strategies = new ArrayList<>();
        for (JsonNode s : root.path("strategies")) {
            strategies.add(readStrategy(s));
        }
        List<MergedFrom> from = new ArrayList<>();
        for (JsonNode f : root.path("merged_from")) {
            from.add(new MergedFrom(text(f, "file"), text(f, "run_id"), text(f, "status"), text(f, "started_at"),
                    text(f, "finished_at"), longOrNull(f, "seed"), text(f, "url"), readProvenance(f.get("provenance"))));
        }
        Startup startup = null;
        if (root.path("startup_millis").isNumber()) {
            JsonNode p = root.path("startup_phases_millis");
            startup = new Startup(root.path("startup_millis").asLong(), p.path("jvm_to_command").asLong(),
                    longOrNull(p, "embedded_server"), p.path("database_setup").asLong());
        }
        List<ExpectationCheck> expectations = new ArrayList<>();
        for (JsonNode e : root.path("expectations")) {
            JsonNode actual = e.path("actual");
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            if (actual.isObject()) {
                actual.properties().forEach(p -> values.put(p.getKey(), p.getValue().decimalValue()));
            } else if (actual.isNumber()) {
                values.put(text(e, "expression"), actual.decimalValue());
            }
            expectations.add(new ExpectationCheck(text(e, "expression"), e.path("passed").asBoolean(),
                    actual.isObject(), values));
        }
        JsonNode fv = root.get("format_version");
        return new RunResult(text(root, "tool"), text(root, "version"), fv != null && fv.isInt() ? fv.asInt() : null,
                text(root, "run_id"), text(root, "status"), text(root, "stop_reason"), text(root, "started_at"),
                text(root, "finished_at"), readDatabase(root.get("database")), readConfig(root.get("config")),
                text(root, "blocked_waits_method"), strategies, booleanOrNull(root, "checks_ok"), from,
                readProvenance(root.get("provenance")), startup, expectations);
    }

    /**
     * Why {@code root} is not a lockdemo result at all, in words for a message after the file's
     * name, or empty if it is one.
     */
    public static java.util.Optional<String> notAResult(JsonNode root) {
        if (!root.isObject() || !RunResult.TOOL.equals(root.path("tool").asText())) {
            return java.util.Optional.of("not a lockdemo result (no \"tool\": \"lockdemo\"; make one with lockdemo "
                    + "race --json FILE)");
        }
        if (!root.path("strategies").isArray()) {
            return java.util.Optional.of("not a lockdemo result (no \"strategies\" list)");
        }
        return java.util.Optional.empty();
    }

    private static Provenance readProvenance(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        return new Provenance(text(p, "command_line"), text(p, "lockdemo_version"), text(p, "git_commit"),
                text(p, "java"), text(p, "os"), p.path("cpus").asInt());
    }

    private static DatabaseInfo readDatabase(JsonNode db) {
        if (db == null || !db.isObject()) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        db.path("settings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        List<NodeInfo> nodes = new ArrayList<>();
        for (JsonNode n : db.path("nodes")) {
            JsonNode w = n.get("wsrep");
            GaleraStatus g = w == null || !w.isObject() ? null
                    : new GaleraStatus(text(w, "wsrep_node_name"), text(w, "wsrep_cluster_state_uuid"),
                            w.path("wsrep_cluster_size").asLong(), text(w, "wsrep_local_state_comment"),
                            "ON".equals(w.path("wsrep_ready").asText()), null);
            nodes.add(new NodeInfo(text(n, "url"), text(n, "product"), text(n, "version"), g));
        }
        return new DatabaseInfo(text(db, "dialect"), text(db, "product"), text(db, "version"), text(db, "url"),
                text(db, "isolation"), db.path("embedded").asBoolean(), settings, nodes);
    }

    private static RunConfig readConfig(JsonNode c) {
        if (c == null || !c.isObject()) {
            return null;
        }
        List<String> strategies = new ArrayList<>();
        c.path("strategies").forEach(s -> strategies.add(s.asText()));
        return new RunConfig(longOrNull(c, "threads"), doubleOrNull(c, "duration_s"), longOrNull(c, "rounds"),
                longOrNull(c, "keys"), longOrNull(c, "hold_ms"), longOrNull(c, "statement_delay_us"),
                longOrNull(c, "seed"), text(c, "isolation"), longOrNull(c, "lock_timeout_ms"),
                longOrNull(c, "lock_view_interval_us"), booleanOrNull(c, "keep"), longOrNull(c, "max_retries"),
                text(c, "mode"), doubleOrNull(c, "rate_per_s"), strategies, null, longOrNull(c, "keys_per_attempt"),
                text(c, "key_order"), longOrNull(c, "answer_timeout_ms"), text(c, "worker_threads"));
    }

    private static StrategyEntry readStrategy(JsonNode s) {
        Map<String, Long> outcomes = null;
        if (s.path("outcomes").isObject()) {
            outcomes = new LinkedHashMap<>();
            for (var e : s.path("outcomes").properties()) {
                outcomes.put(e.getKey(), e.getValue().asLong());
            }
        }
        List<Check> checks = new ArrayList<>();
        for (JsonNode c : s.path("checks")) {
            checks.add(new Check(text(c, "name"), c.path("passed").asBoolean(), c.path("enforced").asBoolean(),
                    text(c, "expected"), text(c, "actual"), text(c, "evidence"), c.path("applicable").asBoolean(true)));
        }
        List<ErrorEntry> errors = new ArrayList<>();
        for (JsonNode e : s.path("errors")) {
            JsonNode code = e.get("vendor_code");
            errors.add(new ErrorEntry(text(e, "outcome"), text(e, "step"), text(e, "sqlstate"),
                    code != null && code.isNumber() ? code.asInt() : null, text(e, "condition"),
                    e.path("count").asLong(), text(e, "first_message")));
        }
        List<NodeEntry> nodes = new ArrayList<>();
        for (JsonNode n : s.path("nodes")) {
            nodes.add(new NodeEntry(text(n, "node"), text(n, "url"), n.path("attempts").asLong(),
                    longMap(n.path("outcomes")), n.path("retries").asLong(), n.path("blocked_waits").asLong(),
                    longMap(n.path("counter_deltas"))));
        }
        ClientCpu cpu = s.path("client_cpu_nanos").isNumber() ? new ClientCpu(s.path("client_cpu_nanos").asLong(),
                s.path("client_cpu_us_per_attempt").asDouble()) : null;
        JsonNode w = s.path("warmup");
        WarmupEntry warmup = w.isObject() ? new WarmupEntry(w.path("duration_s").asDouble(),
                w.path("elapsed_s").asDouble(), w.path("attempts").asLong(), text(w, "table")) : null;
        JsonNode t = s.path("timeline");
        TimelineEntry timeline = t.isObject()
                ? new TimelineEntry(t.path("interval_ms").asLong(), longs(t.path("attempts")), longs(t.path("successes")))
                : null;
        JsonNode h = s.path("histograms");
        HistogramSet histograms = h.isObject() ? new HistogramSet(text(h, "encoding"), histogram(h, "latency_ns"),
                histogram(h, "lock_wait_ns"), histogram(h, "acquire_ns"), histogram(h, "schedule_lag_ns")) : null;
        return new StrategyEntry(text(s, "strategy"), booleanOrNull(s, "expected_safe"), longOrNull(s, "attempts"),
                outcomes, longOrNull(s, "blocked_waits"), longOrNull(s, "retries"), readPercentiles(s.get("latency_us")),
                readPercentiles(s.get("lock_wait_us")), readPercentiles(s.get("acquire_us")),
                doubleOrNull(s, "throughput_per_s"), doubleOrNull(s, "elapsed_s"), longOrNull(s, "inserts_committed"),
                readIntensity(s.get("race_intensity")), cpu, warmup, timeline, longOrNull(s, "commits_unknown"),
                booleanOrNull(s, "invariants_ok"), text(s, "verdict"), text(s, "explanation"), checks, errors,
                text(s, "table"), text(s, "lock_view_note"), nodes, histograms, longOrNull(s, "unstarted"),
                readPercentiles(s.get("schedule_lag_us")), null, longOrNull(s, "gave_up"),
                s.path("key_outcomes").isObject() ? longMap(s.path("key_outcomes")) : null);
    }

    private static RaceIntensityEntry readIntensity(JsonNode ri) {
        if (ri == null || !ri.isObject()) {
            return null;
        }
        JsonNode rp = ri.path("racers_per_round");
        RaceIntensityEntry.RacersPerRound racers = rp.isObject() ? new RaceIntensityEntry.RacersPerRound(
                rp.path("mean").asDouble(), rp.path("p50").asLong(), rp.path("max").asLong(),
                rp.path("rounds").asLong()) : null;
        JsonNode sp = ri.path("start_spread_us");
        RaceIntensityEntry.StartSpread spread = sp.isObject() ? new RaceIntensityEntry.StartSpread(
                sp.path("p50").asDouble(), sp.path("p99").asDouble(), sp.path("max").asDouble(),
                sp.path("releases").asLong())
                : null;
        return new RaceIntensityEntry(longOrNull(ri, "raced"), doubleOrNull(ri, "raced_share"),
                booleanOrNull(ri, "raced_is_lower_bound"), text(ri, "lower_bound_reason"), racers, spread,
                text(ri, "not_merged"));
    }

    private static Percentiles readPercentiles(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        return new Percentiles(doubleOrNull(p, "p50"), doubleOrNull(p, "p90"), doubleOrNull(p, "p99"),
                doubleOrNull(p, "p999"), doubleOrNull(p, "max"), doubleOrNull(p, "mean"), longOrNull(p, "count"));
    }

    private static EncodedHistogram histogram(JsonNode histograms, String field) {
        JsonNode n = histograms.get(field);
        return n != null && n.isTextual() ? new EncodedHistogram(n.asText()) : null;
    }

    private static Map<String, Long> longMap(JsonNode n) {
        Map<String, Long> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asLong() : null;
    }

    private static Double doubleOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    private static Boolean booleanOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }
}
