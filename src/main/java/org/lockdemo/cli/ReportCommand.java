package org.lockdemo.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineJsonReader;
import org.lockdemo.report.HtmlReport;
import org.lockdemo.report.ResultFile;
import org.lockdemo.report.ResultFileParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lockdemo report}: one self-contained HTML page with charts from result files. */
@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Draws result files of 'lockdemo race --json' as one HTML page with charts, and schedules of "
                    + "'lockdemo explain --format json' as their swimlane pictures on the same page.",
            "",
            "The page is self-contained (inline SVG and CSS, no scripts) and opens offline. At the top, an "
                    + "overview of every strategy of every file on shared axes: how the attempts ended, latency "
                    + "and lock-wait percentiles overlaid, attempts per second and blocked waits, and a table of "
                    + "the numbers. Below it, one card per strategy and file: the outcome bars, latency and "
                    + "lock-wait percentile charts, throughput per second, and the checks. Then one picture per "
                    + "explained schedule: a lane per session, a bar where a step waits, the key row's versions.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  lockdemo report results/*.json -o report.html",
            "      every result in results/, compared strategy by strategy",
            "  lockdemo explain --strategy naive --format json -o naive-explained.json",
            "  lockdemo report results/naive.json naive-explained.json -o report.html",
            "      a race and the schedule that explains it, on one page",

        })
public final class ReportCommand implements Callable<Integer> {
    /** What each exit code means for report; listed by --help. */
    static final List<ExitCode.Use> EXIT_CODES = List.of(
            ExitCode.Use.as(ExitCode.OK, "the report was written"),
            ExitCode.Use.of(ExitCode.INTERNAL_ERROR),
            ExitCode.Use.as(ExitCode.USAGE, "usage error or bad input: a file missing, not JSON or not a lockdemo "
                    + "result (of race --json or explain --format json), or -o not writable"));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RESULT.json", description = "Files written by lockdemo race --json or "
            + "lockdemo explain --format json (told apart by their content).")
    List<Path> inputs;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path output;

    @Option(names = {"--verbose", "-v"}, description = "Stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<ResultFile> files = new ArrayList<>();
        List<Timeline> schedules = new ArrayList<>();
        try {
            for (Path p : inputs) {
                JsonNode root = json(p);
                if (TimelineJsonReader.isExplainJson(root)) {
                    schedules.add(schedule(root, p));
                } else {
                    files.add(ResultFileParser.parse(root, p.toString()));
                }
            }
        } catch (ResultFileParser.BadResultFile e) {
            err.println("lockdemo: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        }
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            HtmlReport.write(files, schedules, VersionProvider.version(), w);
        } catch (IOException e) {
            err.println("lockdemo: -o " + output + ": cannot write there (" + reason(e) + ")");
            err.flush();
            return ExitCode.USAGE.code();
        }
        spec.commandLine().getOut().println("lockdemo: wrote " + output + " (" + files.size() + " result file"
                + (files.size() == 1 ? "" : "s") + (schedules.isEmpty() ? "" : ", " + schedules.size()
                        + " explained schedule" + (schedules.size() == 1 ? "" : "s")) + ")");
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }

    private static Timeline schedule(JsonNode root, Path p) throws ResultFileParser.BadResultFile {
        try {
            return TimelineJsonReader.read(root);
        } catch (TimelineJsonReader.BadTimeline e) {
            throw new ResultFileParser.BadResultFile(p + ": not a schedule of lockdemo explain: " + e.getMessage());
        }
    }

    private static JsonNode json(Path p) throws ResultFileParser.BadResultFile {
        try {
            return MAPPER.readTree(Files.readAllBytes(p));
        } catch (JacksonException e) {
            throw new ResultFileParser.BadResultFile(p + ": not JSON (" + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new ResultFileParser.BadResultFile(p + ": cannot read (" + reason(e) + ")");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
