package org.lockdemo.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.lockdemo.check.Check;
import org.lockdemo.db.DatabaseInfo;
import org.lockdemo.metrics.Histograms;

/**
 * Merges results of one configuration, run by several processes or machines against one
 * database, into one result: counts add, the stored HdrHistograms add exactly and the percentiles
 * are recomputed from them, verdicts combine conservatively (a check passes only if it passed in
 * every input; the worst verdict wins). Pure: records in, a record out. Thread-safe.
 */
public final class ResultMerger {
    /** Configuration that must be equal: it changes what the numbers mean. Named as in the file, for messages. */
    private static final Map<String, Function<RunConfig, Object>> SAME_CONFIG = sameConfig();
    private static final Map<String, Function<DatabaseInfo, Object>> SAME_DATABASE = sameDatabase();
    private static final List<String> VERDICTS_BEST_FIRST = List.of(StrategyEntry.PASS, StrategyEntry.LESSON,
            StrategyEntry.FAIL);
    private static final String NOT_MERGED = "racers_per_round and start_spread_us are per run: see each input";

    /** One input: where it came from (for messages and {@code merged_from}) and its result. */
    public record Input(String source, RunResult result) {
    }

    /** The merged result, and notes for the user (e.g. a timeline left out). */
    public record Merged(RunResult result, List<String> notes) {
    }

    /** The inputs' key outcomes summed per outcome, or null when none had several keys per attempt. */
    private static Map<String, Long> keyOutcomes(List<Entry> entries) {
        if (entries.stream().noneMatch(e -> e.entry().keyOutcomes() != null)) {
            return null;
        }
        Map<String, Long> sum = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.entry().keyOutcomes() != null) {
                e.entry().keyOutcomes().forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
        }
        return sum;
    }

    /** One input's entry of one strategy. */
    private record Entry(String source, StrategyEntry entry) {
    }

    private ResultMerger() {
    }

    private static Map<String, Function<RunConfig, Object>> sameConfig() {
        Map<String, Function<RunConfig, Object>> m = new LinkedHashMap<>();
        m.put("threads", RunConfig::threads);
        m.put("keys", RunConfig::keys);
        m.put("hold_ms", RunConfig::holdMs);
        m.put("isolation", RunConfig::isolation);
        m.put("lock_timeout_ms", RunConfig::lockTimeoutMs);
        m.put("max_retries", RunConfig::maxRetries);
        m.put("strategies", RunConfig::strategies);
        m.put("rate_per_s", RunConfig::ratePerS);
        m.put("keys_per_attempt", RunConfig::keysPerAttempt);
        m.put("key_order", RunConfig::keyOrder);
        // files of older versions ran on platform threads
        m.put("worker_threads", c -> c.workerThreads() == null ? "platform" : c.workerThreads());
        return m;
    }

    private static Map<String, Function<DatabaseInfo, Object>> sameDatabase() {
        Map<String, Function<DatabaseInfo, Object>> m = new LinkedHashMap<>();
        m.put("dialect", DatabaseInfo::dialect);
        m.put("product", DatabaseInfo::product);
        m.put("version", DatabaseInfo::version);
        m.put("isolation", DatabaseInfo::isolation);
        m.put("settings", DatabaseInfo::settings);
        return m;
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
        List<String> stopReasons = new ArrayList<>();
        for (Input in : inputs) {
            if (!in.result().complete()) {
                stopReasons.add(in.source() + ": " + Objects.requireNonNullElse(in.result().stopReason(),
                        "stopped early"));
            }
        }
        List<StrategyEntry> strategies = new ArrayList<>();
        boolean checksOk = true;
        int n = first.result().strategies().size();
        for (int i = 0; i < n; i++) {
            List<Entry> entries = new ArrayList<>();
            for (Input in : inputs) {
                entries.add(new Entry(in.source(), in.result().strategies().get(i)));
            }
            StrategyEntry s = strategy(entries, notes);
            checksOk &= s.invariantsHeld();
            strategies.add(s);
        }
        List<MergedFrom> from = new ArrayList<>();
        for (Input in : inputs) {
            RunResult r = in.result();
            from.add(new MergedFrom(in.source(), r.runId(), r.status(), r.startedAt(), r.finishedAt(),
                    r.config() == null ? null : r.config().seed(), r.database() == null ? null : r.database().url(),
                    r.provenance()));
        }
        RunResult r0 = first.result();
        RunResult merged = new RunResult(RunResult.TOOL, toolVersion, ResultJson.FORMAT_VERSION,
                "merged-" + String.join("+", distinct(inputs, in -> in.result().runId())),
                stopReasons.isEmpty() ? RunResult.COMPLETE : RunResult.PARTIAL,
                stopReasons.isEmpty() ? null : String.join("; ", stopReasons), instant(inputs, true),
                instant(inputs, false), r0.database(), config(inputs), r0.blockedWaitsMethod(), strategies, checksOk,
                from, null, null, List.of());
        return new Merged(merged, List.copyOf(notes));
    }

    private static void checkIsResult(Input in) throws MergeException {
        RunResult r = in.result();
        if (!RunResult.TOOL.equals(r.tool())) {
            throw new MergeException(in.source() + " is not a lockdemo result file");
        }
        if (r.formatVersion() == null || r.formatVersion() != ResultJson.FORMAT_VERSION) {
            throw new MergeException(in.source() + " has format_version "
                    + (r.formatVersion() == null ? "" : r.formatVersion()) + "; this lockdemo reads "
                    + ResultJson.FORMAT_VERSION);
        }
        for (String field : List.of("started_at", "finished_at")) {
            String value = field.equals("started_at") ? r.startedAt() : r.finishedAt();
            try {
                Instant.parse(Objects.requireNonNullElse(value, ""));
            } catch (DateTimeParseException e) {
                throw new MergeException(in.source() + ": " + field + " '" + Objects.requireNonNullElse(value, "")
                        + "' is not an ISO-8601 instant");
            }
        }
        for (StrategyEntry s : r.strategies()) {
            HistogramSet h = s.histograms();
            Map<String, EncodedHistogram> needed = new LinkedHashMap<>();
            needed.put("latency", h == null ? null : h.latency());
            needed.put("lock_wait", h == null ? null : h.lockWait());
            needed.put("acquire", h == null ? null : h.acquire());
            for (Map.Entry<String, EncodedHistogram> e : needed.entrySet()) {
                if (e.getValue() == null) {
                    throw new MergeException(in.source() + ": strategy " + s.strategy() + " has no histograms."
                            + e.getKey() + "_ns, so it cannot be merged exactly");
                }
            }
        }
    }

    private static void checkSameConfiguration(Input first, Input other) throws MergeException {
        RunConfig a = first.result().config();
        RunConfig b = other.result().config();
        // results from before the open loop have no mode: they ran closed
        String modeA = a == null ? RunConfig.CLOSED : a.modeOrClosed();
        String modeB = b == null ? RunConfig.CLOSED : b.modeOrClosed();
        if (!modeA.equals(modeB)) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source() + ": config.mode "
                    + "differs (" + modeB + " vs " + modeA + "); an open-loop result measures latency from intended "
                    + "starts, a closed-loop one from actual starts; merge only results of the same configuration");
        }
        DatabaseInfo dbA = first.result().database();
        DatabaseInfo dbB = other.result().database();
        for (var key : SAME_DATABASE.entrySet()) {
            same(first, other, "database", key.getKey(), dbA == null ? null : key.getValue().apply(dbA),
                    dbB == null ? null : key.getValue().apply(dbB));
        }
        for (var key : SAME_CONFIG.entrySet()) {
            same(first, other, "config", key.getKey(), a == null ? null : key.getValue().apply(a),
                    b == null ? null : key.getValue().apply(b));
        }
        boolean timedA = a != null && a.timed();
        boolean timedB = b != null && b.timed();
        if (timedA != timedB) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source()
                    + ": one ran for a --duration, the other for --rounds; merge only results of the same configuration");
        }
        if (first.result().strategies().size() != other.result().strategies().size()) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source() + ": it has "
                    + other.result().strategies().size() + " strategy results, the first input "
                    + first.result().strategies().size() + "; merge only results of the same configuration");
        }
    }

    private static void same(Input first, Input other, String section, String key, Object a, Object b)
            throws MergeException {
        if (!Objects.equals(a, b)) {
            throw new MergeException("cannot merge " + other.source() + " with " + first.source() + ": " + section + "."
                    + key + " differs (" + ResultJson.literal(b) + " vs " + ResultJson.literal(a)
                    + "); merge only results of the same configuration");
        }
    }

    /**
     * The first input's configuration, with run lengths added: rounds (attempts per thread) sum, so
     * attempts = threads x rounds still holds; a timed run's duration is the longest, because the
     * processes ran side by side.
     */
    private static RunConfig config(List<Input> inputs) {
        RunConfig c = inputs.get(0).result().config();
        if (c == null) {
            return null;
        }
        if (c.timed()) {
            return c.withLength(inputs.stream().mapToDouble(in -> in.result().config().durationS()).max().orElse(0),
                    null);
        }
        return c.withLength(null, inputs.stream().mapToLong(in -> {
            Long rounds = in.result().config().rounds();
            return rounds == null ? 0 : rounds;
        }).sum());
    }

    /**
     * The inputs' raced attempts summed and their share of the merged attempts; a lower bound if any
     * input's was. Racers per round and the start spread are figures of one run's rounds and
     * releases, kept in each input only as percentiles: they are not merged (null), and say so.
     */
    private static RaceIntensityEntry intensity(List<Entry> entries, long attempts) {
        long raced = sum(entries, e -> orZero(e.raceIntensity().raced()));
        boolean lower = entries.stream().anyMatch(e -> e.entry().raceIntensity().lowerBound());
        String reason = !lower ? null : entries.stream().map(e -> e.entry().raceIntensity().lowerBoundReason())
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new RaceIntensityEntry(raced, attempts == 0 ? 0 : Math.round(10_000.0 * raced / attempts) / 10_000.0,
                lower, reason, null, null, NOT_MERGED);
    }

    private static StrategyEntry strategy(List<Entry> entries, List<String> notes) throws MergeException {
        StrategyEntry first = entries.get(0).entry();
        long attempts = sum(entries, e -> orZero(e.attempts()));
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.entry().outcomes() != null) {
                e.entry().outcomes().forEach((k, v) -> outcomes.merge(k, v, Long::sum));
            }
        }
        RaceIntensityEntry intensity = entries.stream().allMatch(e -> e.entry().raceIntensity() != null)
                ? intensity(entries, attempts) : null;
        // every input has a schedule lag if the first has: they all ran open loop (same config.mode)
        boolean openLoop = first.histograms().scheduleLag() != null;
        Histogram latency = merged(entries, "latency", HistogramSet::latency);
        Histogram lockWait = merged(entries, "lock_wait", HistogramSet::lockWait);
        Histogram acquire = merged(entries, "acquire", HistogramSet::acquire);
        Histogram lag = openLoop ? merged(entries, "schedule_lag", HistogramSet::scheduleLag) : null;
        double elapsed = entries.stream().mapToDouble(e -> e.entry().elapsedS() == null ? 0 : e.entry().elapsedS())
                .max().orElse(0);
        // the processes ran side by side: the span is the longest one's, the rate the attempts over it
        double throughput = elapsed <= 0 ? 0 : Math.round(attempts / elapsed * 10) / 10.0;
        ClientCpu cpu = null;
        if (entries.stream().allMatch(e -> e.entry().clientCpu() != null)) {
            // each process's own CPU: the client's cost of the merged run is their sum
            long cpuNanos = sum(entries, e -> e.clientCpu().nanos());
            cpu = new ClientCpu(cpuNanos, attempts == 0 ? 0 : Math.round(cpuNanos / 1e3 / attempts * 100) / 100.0);
        }
        boolean ok = entries.stream().allMatch(e -> e.entry().invariantsHeld());
        HistogramSet histograms = new HistogramSet(first.histograms().encoding(), EncodedHistogram.of(latency),
                EncodedHistogram.of(lockWait), EncodedHistogram.of(acquire), lag == null ? null : EncodedHistogram.of(lag));
        return new StrategyEntry(first.strategy(), first.expectedSafe(), attempts, outcomes,
                sum(entries, e -> orZero(e.blockedWaits())), sum(entries, e -> orZero(e.retries())),
                Percentiles.of(latency), Percentiles.of(lockWait), Percentiles.of(acquire), throughput, elapsed,
                sum(entries, e -> orZero(e.insertsCommitted())), intensity, cpu, null, timeline(entries, notes),
                sum(entries, e -> orZero(e.commitsUnknown())), ok, worstVerdict(entries),
                joined(entries, StrategyEntry::explanation), checks(entries), errors(entries),
                String.join(", ", distinct(entries, e -> e.entry().table())),
                joined(entries, StrategyEntry::lockViewNote), List.of(), histograms,
                openLoop ? sum(entries, e -> orZero(e.unstarted())) : null, lag == null ? null : Percentiles.of(lag), null,
                entries.stream().anyMatch(e -> e.entry().gaveUp() != null) ? sum(entries, e -> orZero(e.gaveUp())) : null,
                keyOutcomes(entries));
    }

    private static Histogram merged(List<Entry> entries, String name, Function<HistogramSet, EncodedHistogram> which)
            throws MergeException {
        Histogram m = Histograms.newMergeHistogram();
        for (Entry e : entries) {
            EncodedHistogram h = which.apply(e.entry().histograms());
            try {
                if (h == null) {
                    throw new IllegalArgumentException("missing");
                }
                m.add(h.decode());
            } catch (IllegalArgumentException ex) {
                throw new MergeException(e.source() + ": strategy " + e.entry().strategy() + ": histograms."
                        + name + "_ns is not a compressed HdrHistogram (" + ex.getMessage() + ")");
            }
        }
        return m;
    }

    private static String worstVerdict(List<Entry> entries) {
        int worst = 0;
        for (Entry e : entries) {
            String v = e.entry().verdict() == null ? StrategyEntry.FAIL : e.entry().verdict();
            worst = Math.max(worst, VERDICTS_BEST_FIRST.indexOf(v));
        }
        return VERDICTS_BEST_FIRST.get(worst < 0 ? VERDICTS_BEST_FIRST.size() - 1 : worst);
    }

    /**
     * Each check by name: passed only if it passed in every input, enforced if it was in any; the
     * texts are kept per input where they differ.
     */
    private static List<Check> checks(List<Entry> entries) {
        Map<String, List<Map.Entry<String, Check>>> byName = new LinkedHashMap<>();
        for (Entry e : entries) {
            for (Check c : e.entry().checks()) {
                byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(Map.entry(e.source(), c));
            }
        }
        List<Check> out = new ArrayList<>();
        byName.forEach((name, cs) -> {
            boolean passed = cs.size() == entries.size() && cs.stream().allMatch(x -> x.getValue().passed());
            boolean enforced = cs.stream().anyMatch(x -> x.getValue().enforced());
            // expected and actual carry each input's own numbers: kept per input, never shown as the total's
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            cs.forEach(x -> {
                expected.add("[" + x.getKey() + "] " + text(x.getValue().expected()));
                actual.add("[" + x.getKey() + "] " + text(x.getValue().actual()));
            });
            Set<String> evidence = new LinkedHashSet<>();
            cs.forEach(x -> evidence.add(text(x.getValue().evidence())));
            String ev = evidence.size() == 1 ? evidence.iterator().next()
                    : String.join(" | ", cs.stream().map(x -> "[" + x.getKey() + "] " + text(x.getValue().evidence()))
                            .toList());
            boolean applicable = cs.stream().allMatch(x -> x.getValue().applicable()); // one strategy: alike in every input
            out.add(new Check(name, passed, enforced, String.join(" | ", expected), String.join(" | ", actual), ev,
                    applicable));
        });
        return out;
    }

    /** Error samples with the same outcome, step, SQLState, vendor code and condition add up. */
    private static List<ErrorEntry> errors(List<Entry> entries) {
        Map<String, ErrorEntry> byKey = new LinkedHashMap<>();
        for (Entry e : entries) {
            for (ErrorEntry err : e.entry().errors()) {
                byKey.merge(err.key(), err, (a, b) -> a.plus(b.count()));
            }
        }
        List<ErrorEntry> sorted = new ArrayList<>(byKey.values());
        sorted.sort((a, b) -> Long.compare(b.count(), a.count()));
        return sorted;
    }

    /**
     * Per-interval samples added element by element, aligned at the start line of each run. Only
     * when every input has them with the same interval; otherwise left out, with a note.
     */
    private static TimelineEntry timeline(List<Entry> entries, List<String> notes) throws MergeException {
        long with = entries.stream().filter(e -> e.entry().timeline() != null).count();
        String strategy = entries.get(0).entry().strategy();
        if (with == 0) {
            return null;
        }
        if (with < entries.size()) {
            notes.add("strategy " + strategy + ": timeline left out of the merge; only " + with + " of "
                    + entries.size() + " inputs have one");
            return null;
        }
        long interval = entries.get(0).entry().timeline().intervalMs();
        List<Long> attempts = new ArrayList<>();
        List<Long> successes = new ArrayList<>();
        for (Entry e : entries) {
            TimelineEntry t = e.entry().timeline();
            if (t.intervalMs() != interval) {
                throw new MergeException("cannot merge " + e.source() + ": strategy " + strategy
                        + " has timeline.interval_ms " + t.intervalMs() + ", the first input " + interval);
            }
            add(attempts, t.attempts());
            add(successes, t.successes());
        }
        return new TimelineEntry(interval, attempts.stream().mapToLong(Long::longValue).toArray(),
                successes.stream().mapToLong(Long::longValue).toArray());
    }

    private static void add(List<Long> sums, long[] values) {
        for (int i = 0; i < values.length; i++) {
            while (sums.size() <= i) {
                sums.add(0L);
            }
            sums.set(i, sums.get(i) + values[i]);
        }
    }

    private static long sum(List<Entry> entries, ToLongFunction<StrategyEntry> field) {
        return entries.stream().mapToLong(e -> field.applyAsLong(e.entry())).sum();
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** The distinct non-empty values, in input order. */
    private static <T> List<String> distinct(List<T> items, Function<T, String> field) {
        List<String> out = new ArrayList<>();
        for (T item : items) {
            String v = field.apply(item);
            if (v != null && !v.isEmpty() && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The text if every input says the same, else each input's text prefixed with its source. */
    private static String joined(List<Entry> entries, Function<StrategyEntry, String> field) {
        Set<String> values = new LinkedHashSet<>();
        entries.forEach(e -> values.add(text(field.apply(e.entry()))));
        if (values.size() == 1) {
            return values.iterator().next();
        }
        List<String> parts = new ArrayList<>();
        entries.forEach(e -> parts.add("[" + e.source() + "] " + text(field.apply(e.entry()))));
        return String.join(" | ", parts);
    }

    private static String instant(List<Input> inputs, boolean earliest) {
        Instant best = null;
        for (Input in : inputs) {
            Instant t = Instant.parse(earliest ? in.result().startedAt() : in.result().finishedAt());
            if (best == null || (earliest ? t.isBefore(best) : t.isAfter(best))) {
                best = t;
            }
        }
        return String.valueOf(best);
    }
}
