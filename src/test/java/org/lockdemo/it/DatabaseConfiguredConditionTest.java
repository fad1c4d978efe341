package org.lockdemo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class DatabaseConfiguredConditionTest {
    private static final Map<String, String> CI = Map.of(
            "LOCKDEMO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test",
            "LOCKDEMO_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/test",
            "LOCKDEMO_TEST_GALERA_URLS", "jdbc:mariadb://127.0.0.1:3331/test, jdbc:mariadb://127.0.0.1:3332/test",
            "LOCKDEMO_TEST_GALERA", "1");

    @Test
    void anEnvironmentLikeCisSkipsNothing() {
        ConditionEvaluationResult r = DatabaseConfiguredCondition.evaluate(TestDatabase.values(), CI);
        assertFalse(r.isDisabled(), r.toString());
    }

    @Test
    void aMissingDatabaseDisablesTheTestWithItsVariableAsTheReason() {
        ConditionEvaluationResult r = DatabaseConfiguredCondition.evaluate(
                new TestDatabase[] {TestDatabase.MACHINE_POSTGRESQL, TestDatabase.MYSQL},
                Map.of("LOCKDEMO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test", "LOCKDEMO_TEST_MYSQL_URL", " "));
        assertTrue(r.isDisabled());
        assertEquals(Optional.of("LOCKDEMO_TEST_MYSQL_URL is not set (.ci/run sets it; "
                + "e.g. jdbc:mysql://127.0.0.1:3306/test)"), r.getReason());
    }

    @Test
    void everyMissingDatabaseIsNamed() {
        ConditionEvaluationResult r = DatabaseConfiguredCondition.evaluate(
                new TestDatabase[] {TestDatabase.MACHINE_POSTGRESQL, TestDatabase.MYSQL}, Map.of());
        String reason = r.getReason().orElseThrow();
        assertTrue(reason.startsWith("LOCKDEMO_TEST_PG_URL is not set") && reason.contains("; LOCKDEMO_TEST_MYSQL_URL is not set"),
                reason);
    }

    @Test
    void aGaleraClusterNeedsTwoNodes() {
        assertTrue(TestDatabase.GALERA_CLUSTER.missing(Map.of("LOCKDEMO_TEST_GALERA_URLS", "jdbc:mariadb://a/test,")).isPresent());
        assertTrue(TestDatabase.GALERA_CLUSTER.missing(Map.of("LOCKDEMO_TEST_GALERA_URLS", "jdbc:mariadb://a/test,jdbc:mariadb://b/test"))
                .isEmpty());
    }

    @Test
    void theGaleraScriptNeedsExactlyOne() {
        assertTrue(TestDatabase.GALERA_SCRIPT.missing(Map.of("LOCKDEMO_TEST_GALERA", "yes")).isPresent());
        assertTrue(TestDatabase.GALERA_SCRIPT.missing(Map.of("LOCKDEMO_TEST_GALERA", "1")).isEmpty());
    }

    @Test
    void noAnnotationMeansEnabled() {
        ConditionEvaluationResult r = DatabaseConfiguredCondition.evaluate(new TestDatabase[0], Map.of());
        assertFalse(r.isDisabled());
    }
}
