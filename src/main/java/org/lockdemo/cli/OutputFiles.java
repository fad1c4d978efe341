package org.lockdemo.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lockdemo.report.ReportFormat;
import org.lockdemo.results.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks an output file's place before the work, so results are not lost at the end, and writes a
 * result to it afterwards. Stateless.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Throws a usage error naming {@code option} unless {@code file} (if given) can be written. */
    static void checkWritable(CommandLine cl, String option, Path file) {
        if (file == null) {
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

    /** Writes {@code result} in {@code format} to {@code file} (UTF-8); nothing if no file was given. */
    static void write(Path file, ReportFormat format, RunResult result) throws IOException {
        if (file == null) {
            return;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            format.write(result, w);
        }
    }
}
