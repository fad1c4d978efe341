package org.lockdemo.report;

import java.io.IOException;
import java.io.Writer;
import org.lockdemo.results.RunResult;

/** The formats a result can be written in, each with its option. Stateless; thread-safe. */
public enum Format implements ReportFormat {
    /**
     * What {@code race} prints: the table, a line per strategy, the lessons and failed checks; here
     * as to a pipe ({@link ConsoleView#PLAIN}), {@link #console(boolean, ConsoleView)} for another view.
     */
    CONSOLE(new ConsoleReport(false, ConsoleView.PLAIN)),
    /** {@code race --verbose}: the console with the passed checks, the errors and the client's CPU too. */
    CONSOLE_VERBOSE(new ConsoleReport(true, ConsoleView.PLAIN)),
    /** {@code --json}, {@code merge -o}: the result file (the JSON reference). */
    JSON(new JsonReport()),
    /** {@code --csv}: one row per strategy. */
    CSV(new CsvReport()),
    /** {@code race --timeline-csv}: one row per strategy and second. */
    TIMELINE_CSV(new TimelineCsv()),
    /** The HTML page of {@code lockdemo report} over this one result, its card labelled with the run id. */
    HTML(HtmlReport::write),
    /** {@code --junit}: JUnit XML for a CI server's test report, naming this machine as the host. */
    JUNIT(new JunitReport(LocalHost::name));

    private final ReportFormat format;

    Format(ReportFormat format) {
        this.format = format;
    }

    /** The console (verbose or not) laid out for {@code view}: its width, {@code --wide}, colour. */
    public static ReportFormat console(boolean verbose, ConsoleView view) {
        return new ConsoleReport(verbose, view);
    }

    @Override
    public void write(RunResult result, Writer out) throws IOException {
        format.write(result, out);
    }
}
