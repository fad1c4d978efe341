package org.lockdemo.race;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lockdemo.metrics.Measurement;

/**
 * What one strategy's workers on one cluster node measured, and how the node's counters of
 * aborted transactions moved meanwhile. Immutable.
 *
 * @param node          the node's name (wsrep_node_name, else its URL)
 * @param url           the node's URL, redacted
 * @param measurement   the attempts of the workers connected to this node
 * @param counterDeltas per counter (e.g. {@code wsrep_local_cert_failures}), after minus before the
 *                      strategy; empty when the node is not a cluster node. Server-wide: other
 *                      clients' aborts on the node count too.
 */
public record NodeResult(String node, String url, Measurement measurement, Map<String, Long> counterDeltas) {

    public NodeResult {
        counterDeltas = Collections.unmodifiableMap(new LinkedHashMap<>(counterDeltas)); // keeps the order
    }

    public long counterDelta(String name) {
        return counterDeltas.getOrDefault(name, 0L);
    }
}
