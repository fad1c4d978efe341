package org.lockdemo.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.strategy.StrategyStatementsTest.Target;
import org.lockdemo.strategy.file.FileStrategy;

/**
 * {@code strategies/upsert-multirow.yaml} with several keys per attempt ({@code --keys-per-attempt
 * 3}, the keys out of order, as {@code --key-order arrival} gives them) sends what the built-in
 * {@code upsert-multirow} sends, statement for statement and parameter for parameter (the one
 * INSERT with a VALUES row per key in the attempt's order, then per key the locking read and the
 * update, one COMMIT), and ends the same way: the attempt's outcome, each key's outcome, and per
 * key what the COMMIT made durable. StrategyFileFormsTest holds the one-key form to the golden
 * file; the recording connection there is a table of one row, so this test has its own of several,
 * {@link Table}, on which a row committed by another transaction has a counter of at least 1 and a
 * row this transaction inserted has 0, as on a real server.
 */
class MultiRowFileFormTest {
    private static final List<RowKey> KEYS = List.of(new RowKey(2016, 6), new RowKey(2016, 5), new RowKey(2016, 7));

    static Stream<Arguments> cases() {
        List<Set<RowKey>> present = List.of(Set.of(), Set.copyOf(KEYS), Set.of(KEYS.get(1)),
                Set.of(KEYS.get(0), KEYS.get(2)));
        return Stream.of(Target.POSTGRESQL, Target.MARIADB, Target.MYSQL)
                .flatMap(t -> present.stream().map(p -> Arguments.of(t, p)));
    }

    @ParameterizedTest(name = "{0}, present before: {1}")
    @MethodSource("cases")
    void theFileSendsWhatTheBuiltInSendsForSeveralKeys(Target t, Set<RowKey> present) throws Exception {
        RaceSchema schema = new RaceSchema("lockdemo_t", t.dialect, t.insertReturning);
        StrategyOptions options = new StrategyOptions(10, KEYS.size());
        Run builtIn = run((GetOrCreateMany) StrategyKind.UPSERT_MULTIROW.create(schema, options), t, present);
        Run file = run((GetOrCreateMany) FileStrategy.read(Path.of("strategies", "upsert-multirow.yaml"))
                .create(schema, options), t, present);
        assertEquals(builtIn.sent, file.sent, "upsert-multirow.yaml on " + t.id);
        assertEquals(builtIn.summary, file.summary, "upsert-multirow.yaml on " + t.id + ": how it ended");
        assertTrue(builtIn.sent.get(1).contains("(?, ?, 0), (?, ?, 0), (?, ?, 0)"), builtIn.sent.toString());
        assertTrue(builtIn.summary.contains(present.size() == KEYS.size() ? "outcome found" : "outcome created"),
                builtIn.summary);
    }

    private record Run(List<String> sent, String summary) {
    }

    private static Run run(GetOrCreateMany strategy, Target t, Set<RowKey> present) throws Exception {
        Table table = new Table(present);
        Attempt a = new Attempt(t.classifier(), 0);
        a.reset(KEYS.size());
        Outcome outcome;
        try {
            outcome = strategy.attempt(table.connection(), KEYS, a);
        } catch (SQLException e) {
            outcome = a.classify(e);
        }
        StringBuilder s = new StringBuilder("outcome " + outcome.id() + ", raced " + a.raced());
        for (int i = 0; i < KEYS.size(); i++) {
            s.append("; ").append(KEYS.get(i)).append(": ").append(outcome.isSuccess() ? a.state().keyOutcome(i).id()
                    : "-").append(", insert committed ").append(a.state().perKey().insertCommitted(i))
                    .append(", increment committed ").append(a.state().perKey().incrementCommitted(i));
        }
        return new Run(table.sent, s.toString());
    }

    /**
     * A table of several keys behind a JDBC connection that records each statement with its
     * parameters as bound ({@code setInt}, {@code setShort}): the multi-row INSERT inserts the keys
     * that are not there, answering them by {@code RETURNING jahr, monat} or by its count; the
     * locking read answers the key's row, {@code some_value} 1 for a row committed before and 0 for
     * one this transaction inserted; the UPDATE changes one row. No locking, no concurrency.
     */
    private static final class Table {
        final List<String> sent = new ArrayList<>();
        final Set<RowKey> committed;
        final Set<RowKey> insertedHere = new LinkedHashSet<>();
        boolean inTransaction;

        Table(Set<RowKey> present) {
            committed = new HashSet<>(present);
        }

        Connection connection() {
            return proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
                case "prepareStatement" -> statement((String) args[0]);
                case "commit" -> end("COMMIT");
                case "rollback" -> end("ROLLBACK");
                case "getAutoCommit" -> false;
                case "setAutoCommit", "close" -> null;
                default -> throw new UnsupportedOperationException("Connection." + m.getName());
            });
        }

        private Object end(String what) {
            sent.add(what);
            inTransaction = false;
            if (what.equals("COMMIT")) {
                committed.addAll(insertedHere);
            }
            insertedHere.clear();
            return null;
        }

        private PreparedStatement statement(String sql) {
            List<Object> params = new ArrayList<>();
            ResultSet[] result = {null};
            String lower = sql.toLowerCase(Locale.ROOT);
            return proxy(PreparedStatement.class, (p, m, args) -> {
                String name = m.getName();
                if (name.equals("setInt") || name.equals("setShort") || name.equals("setLong")) {
                    while (params.size() < (Integer) args[0]) {
                        params.add(null);
                    }
                    params.set((Integer) args[0] - 1, name + " " + args[1]);
                    return null;
                }
                if (name.equals("close") || name.equals("clearParameters")) {
                    return null;
                }
                if (name.equals("getResultSet")) {
                    return result[0];
                }
                if (!name.startsWith("execute")) {
                    throw new UnsupportedOperationException("PreparedStatement." + name);
                }
                if (!inTransaction) {
                    sent.add("BEGIN");
                    inTransaction = true;
                }
                sent.add(sql + " -- " + params);
                List<RowKey> keys = new ArrayList<>();
                for (int i = 0; i + 1 < params.size(); i += 2) {
                    keys.add(new RowKey(number(params.get(i)), number(params.get(i + 1))));
                }
                if (lower.startsWith("insert")) {
                    List<RowKey> made = new ArrayList<>();
                    for (RowKey k : keys) {
                        if (!committed.contains(k) && insertedHere.add(k)) {
                            made.add(k);
                        }
                    }
                    if (name.equals("executeUpdate")) {
                        return made.size();
                    }
                    result[0] = rows(made.stream().map(k -> new long[] {k.jahr(), k.monat()}).toList(), List.of("jahr",
                            "monat"));
                    return name.equals("execute") ? (Object) true : result[0];
                }
                if (lower.startsWith("select")) {
                    RowKey k = keys.get(0);
                    boolean there = committed.contains(k) || insertedHere.contains(k);
                    result[0] = rows(there ? List.of(new long[] {7, k.jahr(), k.monat(), insertedHere.contains(k) ? 0 : 1})
                            : List.of(), List.of("id", "jahr", "monat", "some_value"));
                    return name.equals("execute") ? (Object) true : result[0];
                }
                return 1; // the UPDATE of the key's counter
            });
        }

        private static int number(Object bound) {
            return Integer.parseInt(bound.toString().substring(bound.toString().indexOf(' ') + 1));
        }

        private static ResultSet rows(List<long[]> rows, List<String> columns) {
            int[] at = {-1};
            return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
                case "next" -> ++at[0] < rows.size();
                case "getInt" -> (int) rows.get(at[0])[(Integer) args[0] - 1];
                case "getLong" -> rows.get(at[0])[(Integer) args[0] - 1];
                case "getObject" -> args[0] instanceof String c ? (Object) rows.get(at[0])[columns.indexOf(c
                        .toLowerCase(Locale.ROOT))] : (Object) rows.get(at[0])[(Integer) args[0] - 1];
                case "wasNull" -> false;
                case "close" -> null;
                default -> throw new UnsupportedOperationException("ResultSet." + m.getName());
            });
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(MultiRowFileFormTest.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
