package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code chromium} headless on a local file: its DOM after loading, and the console
 * messages it logged (Chromium reports an SVG attribute it cannot parse, such as {@code NaN} in a
 * coordinate, as a console error), and screenshots. One process per call; not shared between threads.
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
        return dumpDom(html, workDir, "--dump-dom");
    }

    /** The page laid out in a window of {@code widthPx} x {@code heightPx}, which scripts in it see. */
    Page load(Path html, Path workDir, int widthPx, int heightPx) throws IOException, InterruptedException {
        return dumpDom(html, workDir, "--window-size=" + widthPx + "," + heightPx, "--dump-dom");
    }

    private Page dumpDom(Path html, Path workDir, String... args) throws IOException, InterruptedException {
        Path out = workDir.resolve("dom.html");
        List<String> all = new ArrayList<>(List.of(args));
        all.add(html.toUri().toString());
        Path err = run(workDir, out, all.toArray(String[]::new));
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE")).toList();
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    /** A PNG of the top {@code heightPx} of the page in a window {@code widthPx} wide. */
    Path screenshot(Path html, Path workDir, int widthPx, int heightPx) throws IOException, InterruptedException {
        Path png = workDir.resolve("screenshot.png");
        run(workDir, workDir.resolve("screenshot.out"), "--hide-scrollbars", "--window-size=" + widthPx + ","
                + heightPx, "--screenshot=" + png, html.toUri().toString());
        assertTrue(Files.size(png) > 0, "chromium wrote no screenshot");
        return png;
    }

    /** Runs chromium headless with a fresh profile; returns its log. */
    private Path run(Path workDir, Path out, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path err = workDir.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "chromium did not finish within 90 s: " + Files.readString(err));
        assertTrue(p.exitValue() == 0, "chromium exited " + p.exitValue() + ": " + Files.readString(err));
        return err;
    }
}
