package org.lockdemo.report;

import java.io.IOException;
import java.io.Writer;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;

/**
 * The machine-readable result, in the shape the JSON reference documents (docs/results.md):
 * "extend, don't rename"; {@link ResultJson} knows the fields. Stateless; thread-safe.
 */
final class JsonReport implements ReportFormat {
    @Override
    public void write(RunResult result, Writer out) throws IOException {
        ResultJson.write(result, out);
    }
}
