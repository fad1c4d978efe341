package org.lockdemo.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lockdemo.results.ResultJson;
import org.lockdemo.results.RunResult;

/** Expectations checked on a small hand-written result in the JSON shape a race writes. */
class ExpectationsTest {
    private static final RunResult RESULT = read("""
            {"strategies": [
              {"strategy": "naive", "attempts": 20, "invariants_ok": true, "throughput_per_s": 160.0,
               "outcomes": {"created": 5, "found": 12, "unique_violation": 3},
               "latency_us": {"p99": 1898.5}},
              {"strategy": "savepoint", "attempts": 20, "invariants_ok": false, "throughput_per_s": 80.25,
               "outcomes": {"created": 5, "found": 15, "unique_violation": 0},
               "latency_us": {"p99": 2500.0}}
            ]}""");

    private static RunResult read(String json) {
        try {
            return ResultJson.read(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExpectationResult check(String text) {
        return Expectations.check(List.of(ExpectationParser.parse(text)), RESULT).get(0);
    }

    @Test
    void passesAndFailsOnTheMeasuredValue() {
        assertTrue(check("savepoint.unique_violation == 0").passed());
        assertTrue(check("naive.unique_violation > 0").passed());
        ExpectationResult failed = check("naive.unique_violation == 0");
        assertFalse(failed.passed());
        assertEquals("3", failed.actualText());
        assertEquals(List.of("naive"), failed.failing());
    }

    @Test
    void decimalsAndBooleans() {
        assertTrue(check("naive.latency_us.p99 < 1898.6").passed());
        assertFalse(check("naive.latency_us.p99 < 1898.5").passed());
        assertEquals("80.25", check("savepoint.throughput_per_s > 0").actualText());
        assertTrue(check("naive.invariants_ok == 1").passed());
        assertEquals("0", check("savepoint.invariants_ok == 1").actualText());
        assertFalse(check("savepoint.invariants_ok == 1").passed());
    }

    @Test
    void allHoldsOnlyWhenEveryStrategyHolds() {
        ExpectationResult r = check("all.unique_violation == 0");
        assertFalse(r.passed());
        assertEquals(List.of("naive"), r.failing());
        assertEquals("naive=3, savepoint=0", r.actualText());
        assertTrue(check("all.attempts == 20").passed());
    }

    @Test
    void aStrategyOutsideTheRunIsRefusedBeforeIt() {
        Expectation e = ExpectationParser.parse("upsert.attempts > 0");
        assertEquals(Optional.of("strategy upsert is not in this run (it runs naive, savepoint)"),
                Expectations.notApplicable(e, List.of("naive", "savepoint")));
        assertEquals(Optional.empty(), Expectations.notApplicable(ExpectationParser.parse("all.attempts > 0"),
                List.of("naive")));
    }

    @Test
    void aResultWithoutTheStrategyFailsTheExpectation() {
        ExpectationResult r = check("nowait.attempts > 0");
        assertFalse(r.passed());
        assertEquals(List.of("nowait"), r.failing());
    }

    @Test
    void aResultWithoutTheFieldIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> check("naive.lock_wait_us.p99 < 1"));
    }
}
