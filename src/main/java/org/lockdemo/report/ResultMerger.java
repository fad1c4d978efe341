package org.lockdemo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.lockdemo.metrics.Histograms;

/**
 * Merges result files of one configuration, run by several processes or machines against one
 * database, into one result: counts add, the stored HdrHistograms add exactly and the percentiles
 * are recomputed from them, verdicts combine conservatively (a check passes only if it passed in
 * every input; the worst verdict wins). Pure: JSON trees in, a JSON tree out. Thread-safe.
 */
public final class ResultMerger {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Configuration that must be equal: it changes what the numbers mean. */
    private static final List<String> SAME_CONFIG = List.of("threads", "keys", "hold_ms", "isolation",
            "lock_timeout_ms", "max_retries", "strategies", "rate_per_s");
    private static final List<String> SAME_DATABASE = List.of("dialect", "product", "version", "isolation", "settings");
    private static final List<String> VERDICTS_BEST_FIRST = List.of("pass", "lesson", "fail");
    private static final List<String> HISTOGRAMS = List.of("latency", "lock_wait", "acquire");
    /** Only in open-loop results. */
    private static final String OPEN_LOOP_HISTOGRAM = "schedule_lag";

    /** One input: where it came from (for messages and {@code merged_from}) and its parsed JSON. */
    public record Input(String source, JsonNode result) {
    }

    /** The merged tree, and notes for the user (e.g. a timeline left out). */
    public record Merged(ObjectNode result, List<String> notes) {
    }

    private ResultMerger() {
    }

    public static Merged merge(List<Input> inputs, String toolVersion) throws MergeException {
        if (inputs.size() < 2) {
            throw new MergeException("merge needs at least two result files, got " + inputs.size());
        }
        Input first = inputs.get(0);
        for (Input in : inputs) {
            checkIsResult(in);
        }
        for (Input in : inputs.subList(1, inputs.size())) {
            checkSameConfiguration(first, in);
        }
        List<String> notes = new ArrayList<>();
        ObjectNode root = JSON.objectNode();
        root.put("tool", "lockdemo");
        root.put("version", toolVersion);
        root.put("format_version", JsonReport.FORMAT_VERSION);
        root.put("run_id", "merged-" + String.join("+", texts(inputs, r -> r.path("run_id"))));
        List<String> stopReasons = new ArrayList<>();
        for (Input in : inputs) {
            if (!"complete".equals(in.result().path("status").asText())) {
                stopReasons.add(in.source() + ": " + in.result().path("stop_reason").asText("stopped early"));
            }
        }
        root.put("status", stopReasons.isEmpty() ? "complete" : "partial");
        if (!stopReasons.isEmpty()) {
            root.put("stop_reason", String.join("; ", stopReasons));
        }
        root.put("started_at", instant(inputs, "started_at", true));
        root.put("finished_at", instant(inputs, "finished_at", false));
        root.set("database", first.result().get("database").deepCopy());
        root.set("config", config(inputs));
        root.set("blocked_waits_method", first.result().path("blocked_waits_method").deepCopy());
        ArrayNode strategies = root.putArray("strategies");
        boolean checksOk = true;
        int n = first.result().get("strategies").size();
        for (int i = 0; i < n; i++) {
            List<Input> entries = new ArrayList<>();
            for (Input in : inputs) {
                entries.add(new Input(in.source(), in.result().get("strategies").get(i)));
            }
            ObjectNode s = strategy(entries, notes);
            checksOk &= s.get("invariants_ok").asBoolean();
            strategies.add(s);
        }
        root.put("checks_ok", checksOk);
        ArrayNode from = root.putArray("merged_from");
        for (Input in : inputs) {
            JsonNode r = in.result();
            ObjectNode f = from.addObject();
            f.put("file", in.source());
            f.set("run_id", r.path("run_id").deepCopy());
            f.set("status", r.path("status").deepCopy());
            f.set("started_at", r.path("started_at").deepCopy());
            f.set("finished_at", r.path("finished_at").deepCopy());
            f.set("seed", r.path("config").path("seed").deepCopy());
            f.set("url", r.path("database").path("url").deepCopy());
            f.set("provenance", r.path("provenance").deepCopy());
        }
        return new Merged(root, List.copyOf(notes));
    }

    private static void checkIsResult(Input in) throws MergeException {
        JsonNode r = in.result();
        if (!"lockdemo".equals(r.path("tool").asText()) || !r.path("strategies").isArray()) {
            throw new MergeException(in.source() + " is not a lockdemo result file");
        }
        if (r.path("format_version").asInt() != JsonReport.FORMAT_VERSION) {
            throw new MergeException(in.source() + " has format_version " + r.path("format_version").asText()
                    + "; this lockdemo reads " + JsonReport.FORMAT_VERSION);
        }
        for (String field : List.of("started_at", "finished_at")) {
            try {
                Instant.parse(r.path(field).asText());
            } catch (DateTimeParseException e) {
                throw new MergeException(in.source() + ": " + field + " '" + r.path(field).asText()
                        + "' is not an ISO-8601 instant");
            }
        }
        for (JsonNode s : r.get("strategies")) {
            for (String h : HISTOGRAMS) {
                if (!s.path("histograms").path(h + "_ns").isTextual()) {
                    throw new MergeException(in.source() + ": strategy " + s.path("strategy").asText()
                            + " has no histograms." + h + "_ns, so it cannot be merged exactly");
                }
            }
        }
    }

    private static void checkSameConfiguration(Input first, Input other) throws MergeException {
        // results from before the open loop have no mode: they ran closed
        String modeA = first.result().path("config").path("mode").asText("closed");
        String modeB = other.result().path("config").path("mode").asText("closed");
        if (!modeA.equals(modeB)) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source() + ": config.mode "
                    + "differs (" + modeB + " vs " + modeA + "); an open-loop result measures latency from intended "
                    + "starts, a closed-loop one from actual starts; merge only results of the same configuration");
        }
        for (String key : SAME_DATABASE) {
            same(first, other, "database", key);
        }
        for (String key : SAME_CONFIG) {
            same(first, other, "config", key);
        }
        boolean timedA = first.result().path("config").has("duration_s");
        boolean timedB = other.result().path("config").has("duration_s");
        if (timedA != timedB) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source()
                    + ": one ran for a --duration, the other for --rounds; merge only results of the same configuration");
        }
    }

    private static void same(Input first, Input other, String section, String key) throws MergeException {
        JsonNode a = first.result().path(section).path(key);
        JsonNode b = other.result().path(section).path(key);
        if (!a.equals(b)) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source() + ": " + section + "."
                    + key + " differs (" + b + " vs " + a + "); merge only results of the same configuration");
        }
    }

    /**
     * The first input's configuration, with run lengths added: rounds (attempts per thread) sum, so
     * attempts = threads x rounds still holds; a timed run's duration is the longest, because the
     * processes ran side by side.
     */
    private static ObjectNode config(List<Input> inputs) {
        ObjectNode c = inputs.get(0).result().get("config").deepCopy();
        if (c.has("duration_s")) {
            c.put("duration_s", inputs.stream().mapToDouble(in -> in.result().path("config").path("duration_s")
                    .asDouble()).max().orElse(0));
        } else {
            c.put("rounds", inputs.stream().mapToLong(in -> in.result().path("config").path("rounds").asLong()).sum());
        }
        return c;
    }

    /**
     * The inputs' raced attempts summed and their share of the merged attempts; a lower bound if any
     * input's was. Racers per round and the start spread are figures of one run's rounds and
     * releases, kept in each input only as percentiles: they are not merged (null), and say so.
     */
    private static ObjectNode intensity(List<Input> entries, long attempts) {
        ObjectNode n = JSON.objectNode();
        long raced = entries.stream().mapToLong(e -> e.result().path("race_intensity").path("raced").asLong()).sum();
        n.put("raced", raced);
        n.put("raced_share", attempts == 0 ? 0 : Math.round(10_000.0 * raced / attempts) / 10_000.0);
        boolean lower = entries.stream().anyMatch(e -> e.result().path("race_intensity").path("raced_is_lower_bound").asBoolean());
        n.put("raced_is_lower_bound", lower);
        if (lower) {
            entries.stream().map(e -> e.result().path("race_intensity").path("lower_bound_reason"))
                    .filter(JsonNode::isTextual).findFirst().ifPresent(r -> n.set("lower_bound_reason", r.deepCopy()));
        }
        n.putNull("racers_per_round");
        n.putNull("start_spread_us");
        n.put("not_merged", "racers_per_round and start_spread_us are per run: see each input");
        return n;
    }

    private static ObjectNode strategy(List<Input> entries, List<String> notes) throws MergeException {
        JsonNode first = entries.get(0).result();
        ObjectNode n = JSON.objectNode();
        n.set("strategy", first.get("strategy").deepCopy());
        n.set("expected_safe", first.path("expected_safe").deepCopy());
        n.put("attempts", sum(entries, "attempts"));
        ObjectNode outcomes = n.putObject("outcomes");
        for (Input e : entries) {
            e.result().path("outcomes").properties().forEach(f ->
                    outcomes.put(f.getKey(), outcomes.path(f.getKey()).asLong() + f.getValue().asLong()));
        }
        n.put("blocked_waits", sum(entries, "blocked_waits"));
        n.put("retries", sum(entries, "retries"));
        if (entries.stream().allMatch(e -> e.result().has("race_intensity"))) {
            n.set("race_intensity", intensity(entries, n.get("attempts").asLong()));
        }
        Map<String, Histogram> merged = new LinkedHashMap<>();
        List<String> histograms = new ArrayList<>(HISTOGRAMS);
        if (first.path("histograms").has(OPEN_LOOP_HISTOGRAM + "_ns")) {
            histograms.add(OPEN_LOOP_HISTOGRAM); // every input has it: they all ran open loop (same config.mode)
            n.put("unstarted", sum(entries, "unstarted"));
        }
        for (String h : histograms) {
            Histogram m = Histograms.newMergeHistogram();
            for (Input e : entries) {
                m.add(decode(e, h));
            }
            merged.put(h, m);
            n.set(h + "_us", JsonReport.percentiles(m));
        }
        double elapsed = entries.stream().mapToDouble(e -> e.result().path("elapsed_s").asDouble()).max().orElse(0);
        long attempts = n.get("attempts").asLong();
        // the processes ran side by side: the span is the longest one's, the rate the attempts over it
        n.put("throughput_per_s", elapsed <= 0 ? 0 : Math.round(attempts / elapsed * 10) / 10.0);
        n.put("elapsed_s", elapsed);
        n.put("inserts_committed", sum(entries, "inserts_committed"));
        n.put("commits_unknown", sum(entries, "commits_unknown"));
        if (entries.stream().allMatch(e -> e.result().has("client_cpu_nanos"))) {
            // each process's own CPU: the client's cost of the merged run is their sum
            long cpuNanos = sum(entries, "client_cpu_nanos");
            n.put("client_cpu_nanos", cpuNanos);
            n.put("client_cpu_us_per_attempt", attempts == 0 ? 0 : Math.round(cpuNanos / 1e3 / attempts * 100) / 100.0);
        }
        boolean ok = entries.stream().allMatch(e -> e.result().path("invariants_ok").asBoolean());
        n.put("invariants_ok", ok);
        n.put("verdict", worstVerdict(entries));
        n.put("explanation", joined(entries, e -> e.path("explanation").asText()));
        n.set("checks", checks(entries));
        n.set("errors", errors(entries));
        n.put("table", String.join(", ", texts(entries, e -> e.path("table"))));
        n.put("lock_view_note", joined(entries, e -> e.path("lock_view_note").asText()));
        ObjectNode hist = n.putObject("histograms");
        hist.set("encoding", first.path("histograms").path("encoding").deepCopy());
        merged.forEach((h, m) -> hist.put(h + "_ns", JsonReport.encode(m)));
        timeline(entries, notes).ifPresent(t -> n.set("timeline", t));
        return n;
    }

    private static Histogram decode(Input e, String name) throws MergeException {
        String base64 = e.result().path("histograms").path(name + "_ns").asText();
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException ex) {
            throw new MergeException(e.source() + ": strategy " + e.result().path("strategy").asText() + ": histograms."
                    + name + "_ns is not a compressed HdrHistogram (" + ex.getMessage() + ")");
        }
    }

    private static String worstVerdict(List<Input> entries) {
        int worst = 0;
        for (Input e : entries) {
            worst = Math.max(worst, VERDICTS_BEST_FIRST.indexOf(e.result().path("verdict").asText("fail")));
        }
        return VERDICTS_BEST_FIRST.get(worst < 0 ? VERDICTS_BEST_FIRST.size() - 1 : worst);
    }

    /**
     * Each check by name: passed only if it passed in every input, enforced if it was in any; the
     * texts are kept per input where they differ.
     */
    private static ArrayNode checks(List<Input> entries) {
        Map<String, List<Input>> byName = new LinkedHashMap<>();
        for (Input e : entries) {
            for (JsonNode c : e.result().path("checks")) {
                byName.computeIfAbsent(c.path("name").asText(), k -> new ArrayList<>()).add(new Input(e.source(), c));
            }
        }
        ArrayNode out = JSON.arrayNode();
        byName.forEach((name, cs) -> {
            ObjectNode c = out.addObject();
            c.put("name", name);
            c.put("passed", cs.size() == entries.size() && cs.stream().allMatch(x -> x.result().path("passed").asBoolean()));
            c.put("enforced", cs.stream().anyMatch(x -> x.result().path("enforced").asBoolean()));
            // expected and actual carry each input's own numbers: kept per input, never shown as the total's
            for (String field : List.of("expected", "actual")) {
                List<String> parts = new ArrayList<>();
                cs.forEach(x -> parts.add("[" + x.source() + "] " + x.result().path(field).asText()));
                c.put(field, String.join(" | ", parts));
            }
            c.put("evidence", joined(cs, x -> x.path("evidence").asText()));
        });
        return out;
    }

    /** Error samples with the same outcome, step, SQLState, vendor code and condition add up. */
    private static ArrayNode errors(List<Input> entries) {
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (Input e : entries) {
            for (JsonNode err : e.result().path("errors")) {
                String key = String.join("|", err.path("outcome").asText(), err.path("step").asText(),
                        err.path("sqlstate").asText(), err.path("vendor_code").asText(), err.path("condition").asText());
                ObjectNode m = byKey.get(key);
                if (m == null) {
                    byKey.put(key, err.deepCopy());
                } else {
                    m.put("count", m.path("count").asLong() + err.path("count").asLong());
                }
            }
        }
        List<ObjectNode> sorted = new ArrayList<>(byKey.values());
        sorted.sort((a, b) -> Long.compare(b.path("count").asLong(), a.path("count").asLong()));
        ArrayNode out = JSON.arrayNode();
        sorted.forEach(out::add);
        return out;
    }

    /**
     * Per-interval samples added element by element, aligned at the start line of each run. Only
     * when every input has them with the same interval; otherwise left out, with a note.
     */
    private static Optional<ObjectNode> timeline(List<Input> entries, List<String> notes)
            throws MergeException {
        long with = entries.stream().filter(e -> e.result().path("timeline").isObject()).count();
        String strategy = entries.get(0).result().path("strategy").asText();
        if (with == 0) {
            return Optional.empty();
        }
        if (with < entries.size()) {
            notes.add("strategy " + strategy + ": timeline left out of the merge; only " + with + " of "
                    + entries.size() + " inputs have one");
            return Optional.empty();
        }
        JsonNode firstTimeline = entries.get(0).result().get("timeline");
        ObjectNode out = JSON.objectNode();
        Set<String> arrays = new LinkedHashSet<>();
        for (Input e : entries) {
            JsonNode t = e.result().get("timeline");
            if (!t.path("interval_ms").equals(firstTimeline.path("interval_ms"))) {
                throw new MergeException("cannot merge " + e.source() + ": strategy " + strategy
                        + " has timeline.interval_ms " + t.path("interval_ms") + ", the first input "
                        + firstTimeline.path("interval_ms"));
            }
            t.properties().forEach(f -> {
                if (f.getValue().isArray()) {
                    arrays.add(f.getKey());
                }
            });
        }
        out.set("interval_ms", firstTimeline.path("interval_ms").deepCopy());
        for (String name : arrays) {
            List<Double> sums = new ArrayList<>();
            boolean integral = true;
            for (Input e : entries) {
                JsonNode a = e.result().get("timeline").path(name);
                for (int i = 0; i < a.size(); i++) {
                    while (sums.size() <= i) {
                        sums.add(0.0);
                    }
                    sums.set(i, sums.get(i) + a.get(i).asDouble());
                    integral &= a.get(i).isIntegralNumber();
                }
            }
            ArrayNode arr = out.putArray(name);
            for (double v : sums) {
                if (integral) {
                    arr.add((long) v);
                } else {
                    arr.add(v);
                }
            }
        }
        return Optional.of(out);
    }

    private static long sum(List<Input> entries, String field) {
        return entries.stream().mapToLong(e -> e.result().path(field).asLong()).sum();
    }

    private static List<String> texts(List<Input> inputs, Function<JsonNode, JsonNode> field) {
        List<String> out = new ArrayList<>();
        for (Input in : inputs) {
            String v = field.apply(in.result()).asText();
            if (!v.isEmpty() && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The text if every input says the same, else each input's text prefixed with its source. */
    private static String joined(List<Input> inputs, Function<JsonNode, String> field) {
        Set<String> distinct = new LinkedHashSet<>();
        inputs.forEach(in -> distinct.add(field.apply(in.result())));
        if (distinct.size() == 1) {
            return distinct.iterator().next();
        }
        List<String> parts = new ArrayList<>();
        inputs.forEach(in -> parts.add("[" + in.source() + "] " + field.apply(in.result())));
        return String.join(" | ", parts);
    }

    private static String instant(List<Input> inputs, String field, boolean earliest) {
        Instant best = null;
        for (Input in : inputs) {
            Instant t = Instant.parse(in.result().path(field).asText());
            if (best == null || (earliest ? t.isBefore(best) : t.isAfter(best))) {
                best = t;
            }
        }
        return String.valueOf(best);
    }
}
