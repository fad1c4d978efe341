package org.lockdemo.cli;

import org.lockdemo.race.WorkerThreads;

/** Accepts {@code platform} and {@code virtual} for {@code --worker-threads}; also its completion candidates. */
public final class WorkerThreadsConverter extends IdChoice<WorkerThreads> {
    public WorkerThreadsConverter() {
        super(WorkerThreads.values(), WorkerThreads::id, "a kind of worker thread");
    }
}
