package org.lockdemo.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;

/**
 * One database server of a run and lockdemo's sessions on it: the admin session (setup, checks,
 * counters), the lock-view sampler's session and the workers' pools, sized to the threads that run
 * on this node. Not thread-safe: the {@link Cluster}'s owner sets it up, uses it and closes it; the
 * workers only borrow from the pool.
 */
final class ClusterNode implements AutoCloseable {
    final int index;
    final DatabaseTarget target;
    final int threads;
    /** The connections of its workers' pools: its threads times the connections each keeps. */
    final int poolSize;
    /** The connections each of its workers keeps. */
    final int connectionsPerThread;
    final ReopeningConnection admin;
    final ReopeningConnection sampler;
    /** Its workers' pools ({@link WorkerPools}), in shard order; empty until they are open. */
    List<HikariDataSource> pools = List.of();
    NodeInfo info;

    ClusterNode(int index, DatabaseTarget target, int threads, int connectionsPerThread, ReopeningConnection admin,
            ReopeningConnection sampler) {
        this.index = index;
        this.target = target;
        this.threads = threads;
        this.connectionsPerThread = connectionsPerThread;
        this.poolSize = threads * connectionsPerThread;
        this.admin = admin;
        this.sampler = sampler;
    }

    /** For messages: the node's URL, and its position when the run has several. */
    String describe(int nodes) {
        return nodes == 1 ? target.redactedUrl() : "node " + (index + 1) + " (" + target.redactedUrl() + ")";
    }

    /** For messages: "" for a run on one node, else " on node i (url)". */
    String where(int nodes) {
        return nodes == 1 ? "" : " on " + describe(nodes);
    }

    boolean isClusterNode() {
        return info.galera() != null;
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        sampler.close();
        admin.close();
    }
}
