package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockdemo.db.DatabaseTarget;
import picocli.CommandLine;

/**
 * The duration options' defaults are written as text (so --help says {@code 10s}, not
 * {@code PT10S}); parsed, they are the durations the code means.
 */
class DurationDefaultsTest {

    @Test
    void raceDefaults() {
        RaceCommand race = new RaceCommand(Map.of(), new ShutdownGuard(), Terminals.NONE);
        new CommandLine(race).parseArgs();
        assertEquals(DatabaseTarget.DEFAULT_CONNECT_TIMEOUT, race.options.connectTimeout);
        assertEquals(Duration.ofSeconds(30), race.options.lockTimeout);
        assertEquals(Duration.ZERO, race.options.warmup);
        assertEquals(Duration.ofMillis(1), race.options.lockViewInterval);
    }

    @Test
    void theHelpShowsThemAsTyped() {
        String help = new CommandLine(new RaceCommand(Map.of(), new ShutdownGuard(), Terminals.NONE)).getUsageMessage();
        assertEquals(false, help.contains("PT"), "an ISO duration in race --help");
        assertEquals(true, help.contains("(default: 30s)"), help);
    }
}
