package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The manual's exit-code table (docs/race.md, "Exit codes") is prose a person wrote; this holds it
 * to {@link ExitCode}: the same codes, and the same precedence as {@link ExitCode#worst}.
 */
class ExitCodeDocsTest {
    private static final Path RACE_MD = Path.of("docs/race.md");

    @Test
    void theTableListsEveryCodeAndNoOther() throws IOException {
        String section = section();
        TreeSet<Integer> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(section);
        while (row.find()) {
            documented.add(Integer.parseInt(row.group(1)));
        }
        TreeSet<Integer> codes = new TreeSet<>();
        Arrays.stream(ExitCode.values()).forEach(c -> codes.add(c.code()));
        assertEquals(codes, documented);
    }

    @Test
    void thePrecedenceSentenceIsTheOrderWorstApplies() throws IOException {
        Matcher m = Pattern.compile("the worst wins: ([0-9/, then]+)\\.").matcher(section());
        assertTrue(m.find(), "docs/race.md states the precedence");
        List<ExitCode> documented = new ArrayList<>();
        for (String part : m.group(1).split(", then ")) {
            documented.add(ExitCode.of(Integer.parseInt(part.split("/")[0].trim())).orElseThrow());
        }
        List<ExitCode> byWorst = new ArrayList<>(documented);
        byWorst.sort(Comparator.comparing((ExitCode c) -> c, (a, b) -> a == b ? 0 : ExitCode.worst(a, b) == a ? -1 : 1));
        assertEquals(byWorst, documented);
        assertEquals(List.of(ExitCode.INTERRUPTED, ExitCode.DATABASE_LOST, ExitCode.DEADLINE_REACHED,
                ExitCode.CHECKS_FAILED, ExitCode.EXPECTATION_FAILED), documented);
    }

    private static String section() throws IOException {
        String md = Files.readString(RACE_MD);
        int start = md.indexOf("## Exit codes");
        assertTrue(start >= 0, "docs/race.md has an Exit codes section");
        int end = md.indexOf("\n## ", start + 1);
        return md.substring(start, end < 0 ? md.length() : end);
    }
}
