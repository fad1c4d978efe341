package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lockdemo.model.Outcome;

/**
 * The manual's description of the console table (docs/race.md, "The table on the console") is
 * prose a person wrote; this holds its short outcome names and its drop order to the code's.
 */
class ConsoleDocsTest {
    private static final Path RACE_MD = Path.of("docs/race.md");

    @Test
    void everyShortOutcomeNameIsInTheManual() throws IOException {
        String doc = Files.readString(RACE_MD);
        for (Outcome o : Outcome.all()) {
            String label = ConsoleTable.label(o);
            if (!label.equals(o.id())) {
                assertTrue(doc.contains("| `" + o.id() + "` | `" + label + "` |"), "docs/race.md lacks " + o.id());
            }
        }
    }

    @Test
    void theDropOrderIsTheManuals() throws IOException {
        String doc = Files.readString(RACE_MD);
        Matcher paragraph = Pattern.compile("\nDrop order: (.*?)\n\n", Pattern.DOTALL).matcher(doc);
        assertTrue(paragraph.find(), "docs/race.md has a 'Drop order:' paragraph");
        List<String> documented = new ArrayList<>();
        Matcher name = Pattern.compile("`([^`]+)`").matcher(paragraph.group(1));
        while (name.find()) {
            documented.add(name.group(1));
        }
        // the open-loop fixture has every column that can go; at 10 columns all of them go
        assertEquals(ColumnFit.fit(ConsoleTable.fitted(ConsoleWidthTest.openLoop()), 10).hidden(), documented);
    }
}
