package org.lockdemo.strategy.classes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lockdemo.model.Outcome;
import org.lockdemo.model.RowKey;
import org.lockdemo.spi.v1.GetOrCreateStrategy;
import org.lockdemo.spi.v1.Key;
import org.lockdemo.spi.v1.Result;
import org.lockdemo.strategy.Attempt;
import org.lockdemo.strategy.GetOrCreate;

/**
 * Runs one attempt of the user's {@link GetOrCreateStrategy}: their code on the connection, then
 * lockdemo's COMMIT, with what the code says it did in the ledger. An exception from their code is
 * turned into what the worker classifies: the first {@link SQLException} in its cause chain, or, for
 * any other exception, an SQLException without SQLState (classified {@code other_error}) whose
 * message names the exception. Thread-safe: the user's instance is, by the interface's contract.
 */
final class ClassGetOrCreate implements GetOrCreate {
    private final GetOrCreateStrategy code;
    private final String table;

    ClassGetOrCreate(GetOrCreateStrategy code, String table) {
        this.code = code;
        this.table = table;
    }

    @Override
    public Outcome attempt(Connection c, RowKey key, Attempt a) throws SQLException, InterruptedException {
        Key k = new Key(key.jahr(), key.monat(), table);
        Result r = a.userCode(() -> call(c, k));
        if (r == null) {
            throw new SQLException(code.getClass().getName() + ".getOrCreate returned null; it must return CREATED, "
                    + "FOUND or FOUND_AFTER_CONFLICT, or throw");
        }
        a.declared(r == Result.CREATED, code.updatesCounter());
        a.work();
        a.commit(c);
        return switch (r) {
            case CREATED -> Outcome.CREATED;
            case FOUND -> Outcome.FOUND;
            case FOUND_AFTER_CONFLICT -> Outcome.FOUND_AFTER_CONFLICT;
        };
    }

    private Result call(Connection c, Key k) throws SQLException {
        try {
            return code.getOrCreate(c, k);
        } catch (SQLException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted in " + code.getClass().getName(), e);
        } catch (Exception e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    return rethrow(sql);
                }
            }
            throw new SQLException(e.getClass().getName() + " from " + code.getClass().getName() + ": "
                    + e.getMessage(), (String) null, e);
        }
    }

    private static Result rethrow(SQLException e) throws SQLException {
        throw e;
    }

    @Override
    public List<String> statements() {
        return List.of(); // the user's code: what it sends is seen by running it (lockdemo record, not yet)
    }
}
