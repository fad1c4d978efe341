package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Locale;
import org.lockdemo.results.RunResults;
import org.junit.jupiter.api.Test;

class TimelineCsvTest {
    @Test
    void oneRowPerStrategyAndSecondThatAddUpToTheAttempts() throws Exception {
        String csv = Locales.withDefault(Locale.GERMANY, () -> {
            StringWriter out = new StringWriter();
            Format.TIMELINE_CSV.write(RunResults.of(ReportFixture.result(), "test"), out);
            return out.toString();
        });
        // four rounds of four attempts end in second 0, the fifth in second 1 (see ReportFixture)
        assertEquals("""
                strategy,second,attempts,successes,failures
                naive,0,16,13,3
                naive,1,4,4,0
                savepoint,0,16,16,0
                savepoint,1,4,4,0
                nowait,0,16,8,8
                nowait,1,4,2,2
                """, csv);
    }
}
