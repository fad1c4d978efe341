package org.lockdemo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lockdemo.report.Paint;
import org.lockdemo.results.MergeException;
import org.lockdemo.results.Provenance;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.ResultMerger;
import org.lockdemo.results.RunResult;
import org.lockdemo.results.StrategyEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lockdemo merge}: several result files of one configuration into one result. */
@Command(name = "merge", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Merges result files of one configuration into one result.",
            "",
            "For a load bigger than one client: run the same race from several processes or machines "
                    + "against one database, each with --json, and merge. Counts add, the stored HdrHistograms "
                    + "add exactly and the percentiles are recomputed; a check passes only if it passed in every "
                    + "input, and the worst verdict wins. Inputs of a different database, strategies, threads, "
                    + "keys, hold, isolation, lock timeout or retries are refused.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo merge host1.json host2.json -o merged.json --csv merged.csv",
            "  lockdemo merge a.json b.json -o merged.json --junit merged.xml \\",
            "                 --expect 'savepoint.unique_violation == 0'",
            "  lockdemo merge a.json b.json -o - | jq '.strategies[].attempts'",

        })
public final class MergeCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What each exit code means for merge; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "merged; every enforced check passed in every input"),
            ExitCode.Use.as(ExitCode.INTERNAL_ERROR, "an unexpected internal error (a bug; report it)"),
            ExitCode.Use.as(ExitCode.USAGE, "usage error: unreadable or not a lockdemo result, or results of "
                    + "different configurations (nothing is written)"),
            ExitCode.Use.as(ExitCode.CHECKS_FAILED, "a strategy that should be safe failed a check in some input"),
            ExitCode.Use.as(ExitCode.EXPECTATION_FAILED, "an --expect expression did not hold for the merged result"));

    @Spec
    CommandSpec spec;

    @Mixin
    ResultOptions results;

    @Parameters(paramLabel = "FILE", arity = "2..*", description = "Result files written by lockdemo race --json.")
    List<Path> files;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", required = true, description = "Write the merged result (JSON) to FILE; - for stdout, which then carries the JSON alone.")
    Path output;

    @Option(names = {"--quiet", "-q"}, description = "Print nothing but errors and expectations.")
    boolean quiet;

    @Mixin
    ColourOption colour;

    private final Map<String, String> env;
    private final Terminals terminals;

    /**
     * @param env       the environment: NO_COLOR
     * @param terminals whether the output is a terminal, for the verdicts' colour
     */
    public MergeCommand(Map<String, String> env, Terminals terminals) {
        this.env = env;
        this.terminals = terminals;
    }

    @Override
    public Integer call() throws IOException {
        results.checkOutputs(Map.of("--output", output));
        PrintWriter out = results.humanOut(); // stderr when a result goes to stdout
        boolean colourVerdicts = colour.stdout(env,
                results.humanOnStderr() ? terminals.withOutputOnStderr() : terminals);
        List<ResultMerger.Input> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(new ResultMerger.Input(f.toString(), read(f)));
        }
        ResultMerger.Merged merged;
        try {
            merged = ResultMerger.merge(inputs, VersionProvider.version());
        } catch (MergeException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunResult result = merged.result();
        List<String> strategies = result.strategyIds();
        results.validate(strategies);
        result = result.withProvenance(Provenance.ofThisProcess(spec.commandLine().getParseResult().originalArgs(),
                VersionProvider.version(), VersionProvider.gitCommit()));
        for (String note : merged.notes()) {
            spec.commandLine().getErr().println("lockdemo: note: " + note);
        }
        if (!quiet) {
            out.println("lockdemo merge: " + files.size() + " results, " + strategies.size() + " strategies -> " + output);
            for (StrategyEntry s : result.strategies()) {
                out.printf(java.util.Locale.US, "  %-17s %,10d attempts  p99 %,.1f us  %s%n", s.strategy(),
                        s.attemptsOrZero(), s.latencyUs() == null || s.latencyUs().p99Us() == null ? 0.0
                                : s.latencyUs().p99Us(),
                        s.verdict() == null ? "" : Paint.verdict(s.verdict(), colourVerdicts));
            }
            out.flush();
        }
        int code = result.checksPassed() ? ExitCode.OK.code() : ExitCode.CHECKS_FAILED.code();
        return results.finish(result, output, code);
    }

    private RunResult read(Path f) {
        try {
            JsonNode tree = MAPPER.readTree(Files.readString(f));
            if (ResultJson.notAResult(tree).isPresent()) {
                throw new ParameterException(spec.commandLine(), f + " is not a lockdemo result file");
            }
            return ResultJson.read(tree);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), f + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), f + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), f + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
