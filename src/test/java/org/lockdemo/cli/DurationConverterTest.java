package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
        "500ms, 500",
        "10s,   10000",
        "1.5s,  1500",
        "2m,    120000",
        "1h,    3600000",
        "PT10S, 10000",
        "pt1m,  60000",
        "10S,   10000",
        "'10 s', 10000",
        "' 250ms ', 250",
        "0.5ms, 0",
        "0,     0",
        "' 0 ', 0",
        "0.0,   0",
        "0s,    0",
    })
    void parses(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), converter.convert(text).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1.5s,  1500000000",
        "0.5ms, 500000",
        "1h,    3600000000000",
    })
    void parsesToTheNanosecond(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), converter.convert(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10", "abc", "-1s", "", "1.s", "10 sec", "PTxS", "1d"})
    void rejectsWithAMessageNamingTheValue(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("500ms"), "the message shows an example: " + e.getMessage());
    }
}
