package org.lockdemo.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lockdemo.report.ReportFormat;
import org.lockdemo.results.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks an output file's place before the work, so results are not lost at the end, and writes a
 * result to it afterwards. A file named {@value #STDOUT} is standard output (as for {@code curl -o -}):
 * {@code ./-} names a file called "-". Stateless.
 */
final class OutputFiles {
    /** The file name that stands for standard output. */
    static final String STDOUT = "-";

    private OutputFiles() {
    }

    /** Whether {@code file} is {@value #STDOUT}, standard output. */
    static boolean isStdout(Path file) {
        return file != null && file.toString().equals(STDOUT);
    }

    /**
     * Throws a usage error when more than one of {@code files} (option name to file, null for not
     * given) is standard output: they would interleave there. Returns whether one is.
     */
    static boolean atMostOneStdout(CommandLine cl, Map<String, Path> files) {
        List<String> toStdout = files.entrySet().stream().filter(e -> isStdout(e.getValue()))
                .map(e -> e.getKey() + " " + STDOUT).toList();
        if (toStdout.size() > 1) {
            throw new ParameterException(cl, String.join(" and ", toStdout) + ": only one result can go to stdout; "
                    + "write the others to files");
        }
        return toStdout.size() == 1;
    }

    /** Throws a usage error naming {@code option} unless {@code file} (if given) can be written. */
    static void checkWritable(CommandLine cl, String option, Path file) {
        if (file == null || isStdout(file)) {
            return;
        }
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        boolean ok = Files.isDirectory(abs) ? false
                : Files.exists(abs) ? Files.isWritable(abs) : dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
        if (!ok) {
            throw new ParameterException(cl, option + " " + file + ": cannot write there (" + (Files.isDirectory(abs)
                    ? "it is a directory" : dir == null || !Files.isDirectory(dir) ? "no such directory" : "permission denied")
                    + "); checked before the run so no results are lost");
        }
    }

    /**
     * Writes {@code result} in {@code format} to {@code file} (UTF-8), or to {@code stdout} (left
     * open) when the file is {@value #STDOUT}; nothing if no file was given.
     *
     * @throws IOException also when stdout could not be written (a closed pipe)
     */
    static void write(Path file, ReportFormat format, RunResult result, PrintWriter stdout) throws IOException {
        if (file == null) {
            return;
        }
        if (isStdout(file)) {
            format.write(result, new FilterWriter(stdout) {
                @Override
                public void close() {
                    stdout.flush(); // the stream is the process's, not this report's
                }
            });
            stdout.flush();
            if (stdout.checkError()) {
                throw new IOException("writing the result to stdout failed");
            }
            return;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            format.write(result, w);
        }
    }
}
