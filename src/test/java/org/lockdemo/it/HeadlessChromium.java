package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code chromium} headless on a local file: its DOM after loading, and the console
 * messages it logged (Chromium reports an SVG attribute it cannot parse, such as {@code NaN} in a
 * coordinate, as a console error). One process per call; not shared between threads.
 */
final class HeadlessChromium {
    /** The page's DOM as Chromium serialised it, and the console lines from its log. */
    record Page(String dom, List<String> console) {
    }

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** {@code $LOCKDEMO_CHROMIUM}, or {@code chromium} on the PATH; empty when neither exists. */
    static Optional<HeadlessChromium> find() {
        String configured = System.getenv("LOCKDEMO_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new HeadlessChromium(Path.of(configured)));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return Optional.of(new HeadlessChromium(p));
            }
        }
        return Optional.empty();
    }

    Page load(Path html, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path out = workDir.resolve("dom.html");
        Path err = workDir.resolve("chromium.log");
        Process p = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                html.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "chromium did not finish within 90 s: " + Files.readString(err));
        assertTrue(p.exitValue() == 0, "chromium exited " + p.exitValue() + ": " + Files.readString(err));
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE")).toList();
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
    }
}
