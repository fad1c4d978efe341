package org.lockdemo.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lockdemo.model.Outcome;

/**
 * A number an expectation can name, read from one strategy's entry in the result JSON, so an
 * expectation checks exactly what the file says. The set is closed: an unknown name is a usage
 * error before the run. Immutable; thread-safe.
 *
 * @param name the name used in expressions, e.g. {@code unique_violation} or {@code latency_us.p99}
 * @param path where it is in a {@code strategies[]} entry of the JSON, e.g. {@code outcomes.unique_violation}
 */
public record Metric(String name, String path) {
    private static final Map<String, Metric> ALL = build();

    private static Map<String, Metric> build() {
        Map<String, Metric> m = new LinkedHashMap<>();
        for (String direct : List.of("attempts", "blocked_waits", "retries", "throughput_per_s", "elapsed_s",
                "inserts_committed", "invariants_ok")) {
            m.put(direct, new Metric(direct, direct));
        }
        for (Outcome o : Outcome.all()) {
            m.put(o.id(), new Metric(o.id(), "outcomes." + o.id()));
        }
        for (String histogram : List.of("latency_us", "lock_wait_us", "acquire_us")) {
            for (String p : List.of("p50", "p90", "p99", "p999", "max", "mean", "count")) {
                String name = histogram + "." + p;
                m.put(name, new Metric(name, name));
            }
        }
        for (String name : List.of("race_intensity.raced", "race_intensity.raced_share",
                "race_intensity.racers_per_round.mean", "race_intensity.racers_per_round.p50",
                "race_intensity.racers_per_round.max", "race_intensity.start_spread_us.p50",
                "race_intensity.start_spread_us.p99", "race_intensity.start_spread_us.max")) {
            m.put(name, new Metric(name, name));
        }
        return Collections.unmodifiableMap(m);
    }

    public static Optional<Metric> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every metric name, in a stable order, for help and error messages. */
    public static List<String> names() {
        return new ArrayList<>(ALL.keySet());
    }

    /**
     * The value in {@code strategy} (a {@code strategies[]} entry); booleans read as 1 and 0.
     *
     * @throws IllegalArgumentException if the entry lacks the field (a result from another version)
     */
    public BigDecimal read(JsonNode strategy) {
        JsonNode n = strategy;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        if (n == null || !(n.isNumber() || n.isBoolean())) {
            throw new IllegalArgumentException("the result has no number at " + path + " for strategy "
                    + strategy.path("strategy").asText("?"));
        }
        return n.isBoolean() ? (n.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO) : n.decimalValue();
    }
}
