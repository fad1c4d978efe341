package org.lockdemo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Checks an output file's place before the work, so results are not lost at the end. Stateless. */
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
}
