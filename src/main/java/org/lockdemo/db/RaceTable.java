package org.lockdemo.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lockdemo.check.KeyRow;
import org.lockdemo.metrics.ErrorMessages;
import org.lockdemo.model.RowKey;
import org.lockdemo.text.Shown;

/**
 * One strategy's table for one run, under a name lockdemo gives it: lockdemo's own (the dialect's
 * DDL resource), or the user's ({@link TableDefinition}: their CREATE, setup and teardown, read back
 * by their key and counter columns). Created, read back for the checks, and dropped only by the
 * run that created it. Immutable; the methods take the connection to use.
 */
public final class RaceTable {
    private static final Pattern SAFE_NAME = Pattern.compile("lockdemo_[a-z0-9_]{1,50}");

    private final String name;
    private final Dialect dialect;
    private final Optional<TableDefinition> definition;

    /** lockdemo's own table, {@code (id, jahr, monat, some_value)}. */
    public RaceTable(String name, Dialect dialect) {
        this(name, dialect, Optional.empty());
    }

    /** The user's table when {@code definition} is present, else lockdemo's own. */
    public RaceTable(String name, Dialect dialect, Optional<TableDefinition> definition) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a lockdemo table name: " + name);
        }
        this.name = name;
        this.dialect = dialect;
        this.definition = definition;
    }

    public String name() {
        return name;
    }

    /**
     * Creates the table, then runs the user's setup statements; fails (duplicate table) rather than
     * reuse one that exists. If a setup statement fails, the table is torn down and dropped before
     * the failure (with the statement's number and text, and the server's SQLState and code) is
     * thrown: nothing of it is left behind.
     */
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(definition.map(d -> named(d.create())).orElseGet(() -> ddl("create-table.sql")));
        }
        dialect.markCreated(c, name, Instant.now());
        commitIfNeeded(c);
        if (definition.isEmpty()) {
            return;
        }
        List<String> setup = definition.get().setup();
        for (int i = 0; i < setup.size(); i++) {
            try {
                execute(c, named(setup.get(i)));
            } catch (SQLException e) {
                SQLException failed = new SQLException("setup statement " + (i + 1) + " of table " + name + " ("
                        + Shown.shown(setup.get(i)) + "): " + ErrorMessages.oneLine(e), e.getSQLState(),
                        e.getErrorCode(), e);
                try {
                    rollbackIfNeeded(c); // PostgreSQL: the failed statement aborted the transaction
                    drop(c).forEach(w -> failed.addSuppressed(new SQLException(w)));
                } catch (SQLException dropFailed) {
                    failed.addSuppressed(dropFailed);
                }
                throw failed;
            }
        }
    }

    /**
     * Runs the user's teardown statements, then drops the table. A teardown statement that fails
     * does not keep the table: it is rolled back, the next one runs, the DROP runs, and what failed
     * is returned as warnings naming the statement. The DROP's own failure is thrown.
     */
    public List<String> drop(Connection c) throws SQLException {
        List<String> warnings = new ArrayList<>();
        List<String> teardown = definition.map(TableDefinition::teardown).orElse(List.of());
        for (int i = 0; i < teardown.size(); i++) {
            try {
                execute(c, named(teardown.get(i)));
            } catch (SQLException e) {
                rollbackIfNeeded(c);
                warnings.add("teardown statement " + (i + 1) + " of table " + name + " (" + Shown.shown(teardown.get(i))
                        + ") failed: " + ErrorMessages.oneLine(e));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + name);
        }
        commitIfNeeded(c);
        return warnings;
    }

    /**
     * Every key in the table with its row count and the sum of its counters, in key order. In the
     * user's table, rows are grouped by their key columns and mapped back to the lockdemo key the
     * race bound them from; a row no lockdemo key maps to (a seed row of another key) is not the
     * race's and is left out. Without a counter column the sums are 0.
     */
    public List<KeyRow> readKeys(Connection c) throws SQLException {
        List<KeyRow> rows = new ArrayList<>();
        if (definition.isEmpty()) {
            String sql = "SELECT jahr, monat, count(*), sum(some_value) FROM " + name
                    + " GROUP BY jahr, monat ORDER BY jahr, monat";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(new KeyRow(new RowKey(rs.getInt(1), rs.getInt(2)), rs.getLong(3), rs.getLong(4)));
                }
            }
        } else {
            TableDefinition d = definition.get();
            String keys = String.join(", ", d.keyColumns());
            String sql = "SELECT " + keys + ", count(*), " + d.counterColumn().map(col -> "sum(" + col + ")").orElse("0")
                    + " FROM " + name + " GROUP BY " + keys;
            int n = d.keyColumns().size();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        values.add(rs.getString(i));
                    }
                    long count = rs.getLong(n + 1);
                    long sum = rs.getLong(n + 2);
                    d.keys().keyOf(values).ifPresent(k -> rows.add(new KeyRow(k, count, sum)));
                }
            }
            rows.sort(Comparator.comparingLong(r -> r.key().index()));
        }
        commitIfNeeded(c);
        return rows;
    }

    private String named(String sql) {
        return sql.replace("{table}", name);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        commitIfNeeded(c);
    }

    private static void rollbackIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    private String ddl(String resource) {
        String path = "/org/lockdemo/db/" + dialect.id() + "/" + resource;
        try (InputStream in = RaceTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing DDL resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder sql = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.stripLeading().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString().replace("{table}", name).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
