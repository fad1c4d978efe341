package org.lockdemo.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpectationParserTest {

    @Test
    void parsesStrategyMetricOperatorAndNumber() {
        Expectation e = ExpectationParser.parse("  savepoint.unique_violation == 0 ");
        assertEquals("savepoint.unique_violation == 0", e.text());
        assertEquals("savepoint", e.strategy());
        assertEquals("outcomes.unique_violation", e.metric().path());
        assertEquals(Comparison.EQ, e.comparison());
        assertEquals(0, e.expected().compareTo(BigDecimal.ZERO));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "naive.unique_violation>0          | naive            | unique_violation | GT | 0",
        "create-first.deadlock <= 3        | create-first     | deadlock         | LE | 3",
        "upsert-returning.attempts != 10   | upsert-returning | attempts         | NE | 10",
        "all.latency_us.p99 < 250000.5     | all              | latency_us.p99   | LT | 250000.5",
        "nowait.throughput_per_s >= -1     | nowait           | throughput_per_s | GE | -1",
        "serializable.invariants_ok == 1   | serializable     | invariants_ok    | EQ | 1",
    })
    void everyOperatorAndHyphenatedStrategies(String text, String strategy, String metric, Comparison op,
            String number) {
        Expectation e = ExpectationParser.parse(text);
        assertEquals(strategy, e.strategy());
        assertEquals(metric, e.metric().name());
        assertEquals(op, e.comparison());
        assertEquals(0, e.expected().compareTo(new BigDecimal(number)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                               | empty",
        "savepoint.unique_violation = 0   | no comparison",
        "savepoint.unique_violation       | no comparison",
        "unique_violation == 0            | is not STRATEGY.METRIC",
        "savepointt.unique_violation == 0 | 'savepointt' is not a strategy",
        "Savepoint.attempts == 0          | 'Savepoint' is not a strategy",
        "savepoint.uniqe_violation == 0   | 'uniqe_violation' is not a metric",
        "savepoint.latency_us == 0        | 'latency_us' is not a metric",
        "savepoint.attempts == 1e3        | '1e3' is not a number",
        "savepoint.attempts == 1,5        | '1,5' is not a number",
        "savepoint.attempts ==            | '' is not a number",
        "savepoint.attempts == 3 4        | '3 4' is not a number",
    })
    void invalidExpressionsSayWhatIsWrong(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpectationParser.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void comparisonsAreExactDecimals() {
        assertTrue(Comparison.EQ.test(new BigDecimal("2.50"), new BigDecimal("2.5")));
        assertTrue(Comparison.LT.test(new BigDecimal("0.1"), new BigDecimal("0.10000001")));
        assertTrue(Comparison.GE.test(BigDecimal.ONE, BigDecimal.ONE));
        assertTrue(!Comparison.GT.test(BigDecimal.ONE, BigDecimal.ONE));
        assertTrue(Comparison.LE.test(BigDecimal.ONE, BigDecimal.ONE));
        assertTrue(Comparison.NE.test(BigDecimal.ONE, BigDecimal.ZERO));
    }
}
