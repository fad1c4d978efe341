package com.example.tags;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.lockdemo.spi.v1.GetOrCreateStrategy;
import org.lockdemo.spi.v1.Key;
import org.lockdemo.spi.v1.Result;

/**
 * A repository method as a team writes it with plain JDBC: lock the row if it is there; else insert
 * it inside a savepoint, and if a concurrent insert won, roll back to the savepoint and lock the
 * winner's row; then bump the counter. lockdemo races it with
 * {@code lockdemo race --strategy-class com.example.tags.TagRepository --classpath tag-repository.jar}
 * (docs/strategy-classes.md). Thread-safe: no state but the connection each call is given.
 */
public final class TagRepository implements GetOrCreateStrategy {

    @Override
    public Result getOrCreate(Connection c, Key key) throws SQLException {
        Long id = lock(c, key);
        Result how = Result.FOUND;
        if (id == null) {
            Savepoint before = c.setSavepoint();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + key.table()
                    + " (jahr, monat, some_value) VALUES (?, ?, 0)")) {
                insert.setInt(1, key.jahr());
                insert.setShort(2, (short) key.monat());
                insert.executeUpdate();
                c.releaseSavepoint(before);
                how = Result.CREATED;
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                c.rollback(before); // the winner's row: wait for its commit, then lock it
                how = Result.FOUND_AFTER_CONFLICT;
            }
            id = lock(c, key);
            if (id == null) {
                throw new SQLException("duplicate key, but the row is not visible (a snapshot from before it)", "23505");
            }
        }
        try (PreparedStatement bump = c.prepareStatement("UPDATE " + key.table()
                + " SET some_value = some_value + 1 WHERE id = ?")) {
            bump.setLong(1, id);
            bump.executeUpdate();
        }
        return how;
    }

    /** Every successful call adds exactly one to the row's counter. */
    @Override
    public boolean updatesCounter() {
        return true;
    }

    private static Long lock(Connection c, Key key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM " + key.table()
                + " WHERE jahr = ? AND monat = ? FOR UPDATE")) {
            select.setInt(1, key.jahr());
            select.setShort(2, (short) key.monat());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** PostgreSQL's unique_violation, MySQL / MariaDB's ER_DUP_ENTRY. */
    private static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }
}
