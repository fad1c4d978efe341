package org.lockdemo.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;

/**
 * The workers' connection pools: per node, one HikariCP pool for every {@link #SHARD_THREADS}
 * workers (at most {@link #MAX_SHARDS_PER_NODE}), filled at the same time. Worker {@code i} runs on
 * node {@code i % nodes} and borrows from that node's pool {@code (i / nodes) % shards}.
 *
 * <p>Why several pools: HikariCP fills a pool on one thread per CPU (at most 16, with
 * {@code blockUntilFilled}) and each of them sleeps 30 ms after every connection it adds
 * ({@code HikariPool.PoolEntryCreator}), so one pool of 64 connections took 2.9 to 3.4 s to fill on
 * this 2-core machine, while the same 64 connections opened on 8 threads took 0.23 to 0.26 s
 * (docs/performance.md, "Start-up and memory"). Small pools filled side by side cost about what
 * opening the connections costs. The pools are HikariCP's still: reopening, eviction and the
 * connection timeout are unchanged.
 *
 * <p>Immutable; the pools themselves are thread-safe.
 */
public final class WorkerPools {
    /** Workers per pool: 8 connections fill in about 4 of HikariCP's 30 ms pauses on 2 CPUs. */
    public static final int SHARD_THREADS = 8;
    /** A bound on the pools per node (and their threads: each pool runs a few of its own). */
    public static final int MAX_SHARDS_PER_NODE = 16;

    private final List<List<HikariDataSource>> perNode;

    /** @param perNode per node, in node order, its pools in shard order */
    public WorkerPools(List<List<HikariDataSource>> perNode) {
        if (perNode.isEmpty() || perNode.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("every node needs a pool: " + perNode);
        }
        this.perNode = perNode.stream().map(List::copyOf).toList();
    }

    /** How many pools a node with {@code threadsOnNode} workers gets. */
    public static int shards(int threadsOnNode) {
        int wanted = (threadsOnNode + SHARD_THREADS - 1) / SHARD_THREADS;
        return Math.max(1, Math.min(MAX_SHARDS_PER_NODE, wanted));
    }

    /** The workers of pool {@code shard} of a node with {@code threadsOnNode} workers in {@code shards} pools. */
    public static int threadsOf(int threadsOnNode, int shards, int shard) {
        return threadsOnNode / shards + (shard < threadsOnNode % shards ? 1 : 0);
    }

    public int nodes() {
        return perNode.size();
    }

    /** The pool worker {@code worker} borrows from. */
    public HikariDataSource forWorker(int worker) {
        List<HikariDataSource> node = perNode.get(worker % perNode.size());
        return node.get((worker / perNode.size()) % node.size());
    }
}
