package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mermaid goldens ({@code explain --format mermaid} of real timelines, in
 * {@code src/test/resources/org/lockdemo/explain/picture/expected/*.mmd}) rendered by Mermaid itself:
 * {@code mmdc} of {@code @mermaid-js/mermaid-cli} exits 1 with "Parse error" on a diagram it cannot
 * parse. Needs {@code LOCKDEMO_MMDC} (the mmdc command) and a Chromium for it; skipped otherwise.
 * Set up without puppeteer's own browser download: {@code PUPPETEER_SKIP_DOWNLOAD=1 npm install
 * @mermaid-js/mermaid-cli} into any folder, then {@code LOCKDEMO_MMDC=that/node_modules/.bin/mmdc}.
 */
class MermaidRenderIT {
    @Test
    void everyGoldenRendersInMermaid(@TempDir Path dir) throws Exception {
        String mmdc = System.getenv("LOCKDEMO_MMDC");
        Assumptions.assumeTrue(mmdc != null && !mmdc.isBlank(), "LOCKDEMO_MMDC is not set (see the class's javadoc)");
        String browser = System.getenv().getOrDefault("LOCKDEMO_CHROMIUM", "/usr/bin/chromium");
        Path config = Files.writeString(dir.resolve("puppeteer.json"), "{\"executablePath\": \"" + browser
                + "\", \"args\": [\"--no-sandbox\", \"--disable-gpu\"]}");
        List<Path> goldens;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/org/lockdemo/explain/picture/expected"))) {
            goldens = s.filter(p -> p.toString().endsWith(".mmd")).sorted().toList();
        }
        assertTrue(goldens.size() >= 4, goldens.toString());
        for (Path g : goldens) {
            Path svg = dir.resolve(g.getFileName() + ".svg");
            Path log = dir.resolve(g.getFileName() + ".log");
            Process p = new ProcessBuilder(mmdc, "-p", config.toString(), "-i", g.toString(), "-o", svg.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), g + ": mmdc did not finish");
            assertEquals(0, p.exitValue(), g + ": " + Files.readString(log));
            assertTrue(Files.readString(svg).contains("</svg>"), g + ": no SVG");
        }
    }
}
