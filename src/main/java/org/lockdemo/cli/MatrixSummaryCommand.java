package org.lockdemo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockdemo.report.MatrixSummary;
import org.lockdemo.results.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lockdemo matrix-summary}: the markdown table {@code scripts/matrix.sh} writes. Hidden: a
 * helper of the script (so it needs no jq or python), not a command users need to learn.
 */
@Command(name = "matrix-summary", hidden = true, mixinStandardHelpOptions = true,
        description = "Writes a markdown summary of result files (one per database x isolation cell).")
public final class MatrixSummaryCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Result files, in the column order wanted.")
    List<Path> files;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", required = true, description = "Markdown file to write.")
    Path output;

    @Option(names = "--command", paramLabel = "TEXT", required = true, description = "How the matrix was run.")
    String command;

    @Override
    public Integer call() throws IOException {
        OutputFiles.checkWritable(spec.commandLine(), "--output", output);
        List<MatrixSummary.Cell> cells = new ArrayList<>();
        for (Path f : files) {
            try {
                cells.add(new MatrixSummary.Cell(f.getFileName().toString(), ResultJson.read(MAPPER.readTree(f.toFile()))));
            } catch (IOException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), f + ": not a readable result file (" + e.getMessage() + ")");
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            MatrixSummary.write(cells, command, w);
        }
        return ExitCode.OK.code();
    }
}
