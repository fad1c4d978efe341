package org.lockdemo.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cluster node's share of a strategy's attempts. Immutable; the maps keep their order.
 *
 * @param counterDeltas server-wide counters, after minus before the strategy
 */
public record NodeEntry(String node, String url, long attempts, Map<String, Long> outcomes, long retries,
        long blockedWaits, Map<String, Long> counterDeltas) {
    public NodeEntry {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        counterDeltas = Collections.unmodifiableMap(new LinkedHashMap<>(counterDeltas));
    }

    public long count(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }
}
