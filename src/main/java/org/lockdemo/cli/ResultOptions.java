package org.lockdemo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockdemo.expect.Expectation;
import org.lockdemo.expect.ExpectationParser;
import org.lockdemo.expect.ExpectationResult;
import org.lockdemo.expect.Expectations;
import org.lockdemo.report.Format;
import org.lockdemo.results.RunResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --expect}, {@code --csv} and {@code --junit}, shared by {@code race} and {@code merge}:
 * validated before the work, then applied to the finished result's records, which then go to the
 * files. Also where the command's human output goes: stdout, or stderr when a result file is
 * {@code -} (stdout), so that stdout then carries that result alone. Used by one command thread.
 */
public final class ResultOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--expect", paramLabel = "EXPR",
            description = "Check STRATEGY.METRIC OP NUMBER after the run, e.g. 'savepoint.unique_violation == 0' or "
                    + "'all.latency_us.p99 < 500000'; OP is == != < <= > >=; metrics: attempts, every outcome, "
                    + "blocked_waits, retries, throughput_per_s, elapsed_s, inserts_committed, invariants_ok (1/0), "
                    + "latency_us|lock_wait_us|acquire_us.p50|p90|p99|p999|max|mean|count. Repeatable; "
                    + "a failed one exits 5.")
    List<String> expect = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-strategy summary as CSV to FILE "
            + "(- for stdout).")
    Path csv;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the checks and expectations as JUnit "
            + "XML to FILE (- for stdout), for a CI server's test report: a failed check or expectation is a failure.")
    Path junit;

    private List<Expectation> parsed = List.of();
    private boolean resultOnStdout;

    /**
     * Checks, before any work, that every result file can be written and that at most one of them
     * is stdout; {@code commandFiles} are the command's own (option name to file, null when not
     * given), e.g. {@code --json}. From here on {@link #humanOut()} knows where the text goes.
     */
    void checkOutputs(Map<String, Path> commandFiles) {
        Map<String, Path> files = new LinkedHashMap<>(commandFiles);
        files.put("--csv", csv);
        files.put("--junit", junit);
        resultOnStdout = OutputFiles.atMostOneStdout(spec.commandLine(), files);
        files.forEach((option, file) -> OutputFiles.checkWritable(spec.commandLine(), option, file));
    }

    /**
     * Where the command prints what a person reads (tables, expectations, notes): stdout, or
     * stderr when a result goes to stdout ({@link #checkOutputs} said so).
     */
    PrintWriter humanOut() {
        return humanOnStderr() ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** Whether what a person reads goes to stderr, because a result goes to stdout. */
    boolean humanOnStderr() {
        return resultOnStdout;
    }

    /**
     * Parses the expectations and checks they fit a run of {@code strategies}: usage errors before
     * any work is done.
     */
    void validate(List<String> strategies) {
        List<Expectation> out = new ArrayList<>();
        for (String text : expect) {
            Expectation e;
            try {
                e = ExpectationParser.parse(text);
            } catch (IllegalArgumentException ex) {
                throw usage("--expect '" + text + "': " + ex.getMessage());
            }
            Expectations.notApplicable(e, strategies).ifPresent(why -> {
                throw usage("--expect '" + text + "': " + why);
            });
            out.add(e);
        }
        parsed = List.copyOf(out);
    }

    /**
     * Checks the expectations on {@code result}, prints them, records them in the result, writes it
     * as JSON to {@code json} (if given), as CSV and as JUnit XML, and returns the exit code. An expectation failure
     * (5) is reported only when nothing worse happened: {@code codeSoFar} (4 failed checks, 6 lost
     * database, 130 interrupted) wins, because it says the numbers themselves are in doubt.
     */
    int finish(RunResult result, Path json, int codeSoFar) throws IOException {
        PrintWriter out = humanOut();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExpectationResult> checked = Expectations.check(parsed, result);
        if (!checked.isEmpty()) {
            out.println();
            out.println("Expectations:");
            for (ExpectationResult r : checked) {
                out.println("  " + (r.passed() ? "passed" : "FAILED") + "  " + r.expectation().text() + "  (actual "
                        + r.actualText() + ")");
            }
            out.flush();
        }
        RunResult recorded = result.withExpectations(Expectations.asRecorded(checked));
        OutputFiles.write(json, Format.JSON, recorded, stdout);
        OutputFiles.write(csv, Format.CSV, recorded, stdout);
        OutputFiles.write(junit, Format.JUNIT, recorded, stdout);
        List<ExpectationResult> failed = checked.stream().filter(r -> !r.passed()).toList();
        if (failed.isEmpty()) {
            return codeSoFar;
        }
        ExpectationResult first = failed.get(0);
        err.println("lockdemo: " + failed.size() + " of " + checked.size() + " expectations failed, first: "
                + first.expectation().text() + " (actual " + first.actualText() + ")");
        err.flush();
        return ExitCode.worst(ExitCode.of(codeSoFar).orElseThrow(), ExitCode.EXPECTATION_FAILED).code();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
