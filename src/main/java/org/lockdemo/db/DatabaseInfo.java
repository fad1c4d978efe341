package org.lockdemo.db;

import java.util.Map;

/**
 * What the run was measured against: product, version, redacted URL, the effective isolation of a
 * pooled session, and the settings that change the numbers. Immutable.
 */
public record DatabaseInfo(
        String dialect,
        String product,
        String version,
        String url,
        String isolation,
        boolean embedded,
        Map<String, String> settings) {

    public DatabaseInfo {
        settings = Map.copyOf(settings);
    }
}
