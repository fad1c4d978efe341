package org.lockdemo.db;

import java.util.List;
import java.util.Map;

/**
 * What the run was measured against: product, version, redacted URL, the effective isolation of a
 * pooled session, and the settings that change the numbers. Immutable.
 *
 * <p>For a run across a cluster, {@code url} and the settings are the first node's and
 * {@code nodes} lists every node; for one server that is not a cluster node {@code nodes} is empty.
 */
public record DatabaseInfo(
        String dialect,
        String product,
        String version,
        String url,
        String isolation,
        boolean embedded,
        Map<String, String> settings,
        List<NodeInfo> nodes) {

    public DatabaseInfo {
        settings = Map.copyOf(settings);
        nodes = List.copyOf(nodes);
    }

    /** One server that is not a cluster node. */
    public DatabaseInfo(String dialect, String product, String version, String url, String isolation,
            boolean embedded, Map<String, String> settings) {
        this(dialect, product, version, url, isolation, embedded, settings, List.of());
    }
}
