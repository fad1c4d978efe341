package org.lockdemo.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL's deadlock DETAIL, as PostgreSQL 15 sent it (captured with psql), named by sessions. */
class PgDeadlockDetailTest {

    private static String captured() throws Exception {
        try (var in = PgDeadlockDetailTest.class.getResourceAsStream("postgres/deadlock-detail.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void namesTheBackendsAndTheirTransactions() throws Exception {
        String named = PgDeadlockDetail.named(captured(), Map.of(26264L, "T2", 26266L, "T3"),
                Map.of("762", "T2", "763", "T3"));
        assertEquals("T2 waits for ShareLock on the transaction of T3; blocked by T3.\n"
                + "T3 waits for ShareLock on the transaction of T2; blocked by T2.", named);
    }

    @Test
    void aBackendOrTransactionOfNoSessionIsNamedForWhatItIs() throws Exception {
        String named = PgDeadlockDetail.named(captured(), Map.of(26264L, "T2"), Map.of());
        assertEquals("T2 waits for ShareLock on a transaction; blocked by another client's backend.\n"
                + "another client's backend waits for ShareLock on a transaction; blocked by T2.", named);
    }

    @Test
    void aTupleWaitLosesItsOids() {
        assertEquals("T2 waits for ExclusiveLock on tuple (0,1) of lockdemo_explain; blocked by T3.",
                PgDeadlockDetail.named("Process 7 waits for ExclusiveLock on tuple (0,1) of relation 16384 of database 5;"
                        + " blocked by process 8.", Map.of(7L, "T2", 8L, "T3"), Map.of()));
    }

    @Test
    void noDetailIsNoReport() {
        assertEquals("", PgDeadlockDetail.named("", Map.of(), Map.of()));
    }
}
