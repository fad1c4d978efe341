package org.lockdemo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapTest {
    @Test
    void aLineThatFitsStaysAsItIs() {
        assertEquals(List.of("  ok a: b"), TextWrap.lines("  ok a: b", 9));
    }

    @Test
    void wrapsAtSpacesIndentingTheContinuationTwoMoreThanTheLine() {
        assertEquals(List.of("  lesson one two", "    three four", "    five"),
                TextWrap.lines("  lesson one two three four five", 16));
    }

    @Test
    void aWordLongerThanTheWidthStaysWhole() {
        assertEquals(List.of("node", "  jdbc:mysql://127.0.0.1:3311/test", "  up"),
                TextWrap.lines("node jdbc:mysql://127.0.0.1:3311/test up", 10));
    }

    @Test
    void phrasesBreakAfterACommaAndStayWhole() {
        assertEquals(List.of("race: PostgreSQL 18.3, 4 threads,", "  5 rounds, seed 42"),
                TextWrap.phrases("race: PostgreSQL 18.3, 4 threads, 5 rounds, seed 42", 34));
    }

    @Test
    void aPhraseTooLongForALineIsWrappedAtItsSpaces() {
        assertEquals(List.of("a,", "  hot key (all", "    threads)"), TextWrap.phrases("a, hot key (all threads)", 14));
    }
}
