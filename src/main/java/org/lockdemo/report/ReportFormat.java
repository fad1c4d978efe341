package org.lockdemo.report;

import java.io.IOException;
import java.io.Writer;
import org.lockdemo.results.RunResult;

/**
 * One way to write a run's result (as JMH's {@code results.format.ResultFormat}): pure, over the
 * typed result and a writer the caller supplies and closes. Implementations are stateless and
 * thread-safe; choose one through {@link Format}.
 */
public interface ReportFormat {
    /** Writes {@code result} to {@code out} and flushes it. */
    void write(RunResult result, Writer out) throws IOException;
}
