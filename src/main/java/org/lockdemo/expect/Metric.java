package org.lockdemo.expect;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lockdemo.model.Outcome;
import org.lockdemo.results.Percentiles;
import org.lockdemo.results.RaceIntensityEntry;
import org.lockdemo.results.StrategyEntry;

/**
 * A number an expectation can name, read from one strategy's entry of the result records, which
 * hold the numbers exactly as the result file does, so an expectation checks what the file says.
 * The names are the documented paths in a {@code strategies[]} entry of the JSON (the JSON reference).
 * The set is closed: an unknown name is a usage error before the run. Immutable; thread-safe.
 */
public final class Metric {
    private static final Map<String, Metric> ALL = build();

    private final String name;
    private final String path;
    private final Function<StrategyEntry, Object> reader;

    private Metric(String name, String path, Function<StrategyEntry, Object> reader) {
        this.name = name;
        this.path = path;
        this.reader = reader;
    }

    private static Map<String, Metric> build() {
        Map<String, Metric> m = new LinkedHashMap<>();
        add(m, "attempts", StrategyEntry::attempts);
        add(m, "blocked_waits", StrategyEntry::blockedWaits);
        add(m, "retries", StrategyEntry::retries);
        add(m, "throughput_per_s", StrategyEntry::throughputPerS);
        add(m, "elapsed_s", StrategyEntry::elapsedS);
        add(m, "inserts_committed", StrategyEntry::insertsCommitted);
        add(m, "invariants_ok", StrategyEntry::invariantsOk);
        for (Outcome o : Outcome.all()) {
            m.put(o.id(), new Metric(o.id(), "outcomes." + o.id(),
                    s -> s.outcomes() == null ? null : s.outcomes().get(o.id())));
        }
        percentiles(m, "latency_us", StrategyEntry::latencyUs);
        percentiles(m, "lock_wait_us", StrategyEntry::lockWaitUs);
        percentiles(m, "acquire_us", StrategyEntry::acquireUs);
        add(m, "race_intensity.raced", s -> intensity(s, RaceIntensityEntry::raced));
        add(m, "race_intensity.raced_share", s -> intensity(s, RaceIntensityEntry::racedShare));
        add(m, "race_intensity.racers_per_round.mean", s -> racers(s, RaceIntensityEntry.RacersPerRound::mean));
        add(m, "race_intensity.racers_per_round.p50", s -> racers(s, RaceIntensityEntry.RacersPerRound::p50));
        add(m, "race_intensity.racers_per_round.max", s -> racers(s, RaceIntensityEntry.RacersPerRound::max));
        add(m, "race_intensity.start_spread_us.p50", s -> spread(s, RaceIntensityEntry.StartSpread::p50Us));
        add(m, "race_intensity.start_spread_us.p99", s -> spread(s, RaceIntensityEntry.StartSpread::p99Us));
        add(m, "race_intensity.start_spread_us.max", s -> spread(s, RaceIntensityEntry.StartSpread::maxUs));
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Metric> m, String name, Function<StrategyEntry, Object> reader) {
        m.put(name, new Metric(name, name, reader));
    }

    private static void percentiles(Map<String, Metric> m, String histogram, Function<StrategyEntry, Percentiles> of) {
        Map<String, Function<Percentiles, Object>> parts = new LinkedHashMap<>();
        parts.put("p50", Percentiles::p50Us);
        parts.put("p90", Percentiles::p90Us);
        parts.put("p99", Percentiles::p99Us);
        parts.put("p999", Percentiles::p999Us);
        parts.put("max", Percentiles::maxUs);
        parts.put("mean", Percentiles::meanUs);
        parts.put("count", Percentiles::count);
        parts.forEach((p, part) -> add(m, histogram + "." + p, s -> {
            Percentiles ps = of.apply(s);
            return ps == null ? null : part.apply(ps);
        }));
    }

    private static Object intensity(StrategyEntry s, Function<RaceIntensityEntry, Object> part) {
        return s.raceIntensity() == null ? null : part.apply(s.raceIntensity());
    }

    private static Object racers(StrategyEntry s, Function<RaceIntensityEntry.RacersPerRound, Object> part) {
        return s.raceIntensity() == null || s.raceIntensity().racersPerRound() == null ? null
                : part.apply(s.raceIntensity().racersPerRound());
    }

    private static Object spread(StrategyEntry s, Function<RaceIntensityEntry.StartSpread, Object> part) {
        return s.raceIntensity() == null || s.raceIntensity().startSpread() == null ? null
                : part.apply(s.raceIntensity().startSpread());
    }

    public static Optional<Metric> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every metric name, in a stable order, for help and error messages. */
    public static List<String> names() {
        return new ArrayList<>(ALL.keySet());
    }

    /** The name used in expressions, e.g. {@code unique_violation} or {@code latency_us.p99}. */
    public String name() {
        return name;
    }

    /** Where it is in a {@code strategies[]} entry of the JSON, e.g. {@code outcomes.unique_violation}. */
    public String path() {
        return path;
    }

    /**
     * The value in {@code strategy}; booleans read as 1 and 0; decimals exactly as the result holds
     * them (the file's text, not a binary approximation).
     *
     * @throws IllegalArgumentException if the entry lacks the value (a result from another version)
     */
    public BigDecimal read(StrategyEntry strategy) {
        Object v = reader.apply(strategy);
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        throw new IllegalArgumentException("the result has no number at " + path + " for strategy "
                + (strategy.strategy() == null ? "?" : strategy.strategy()));
    }

    @Override
    public String toString() {
        return name;
    }
}
