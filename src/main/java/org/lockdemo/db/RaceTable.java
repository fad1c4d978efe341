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
import java.util.List;
import java.util.regex.Pattern;
import org.lockdemo.check.KeyRow;
import org.lockdemo.model.RowKey;

/**
 * lockdemo's own table for one strategy's run: created from the dialect's DDL resource, read back
 * for the checks, dropped only by the run that created it. Immutable; the methods take the
 * connection to use.
 */
public final class RaceTable {
    private static final Pattern SAFE_NAME = Pattern.compile("lockdemo_[a-z0-9_]{1,50}");

    private final String name;
    private final Dialect dialect;

    public RaceTable(String name, Dialect dialect) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a lockdemo table name: " + name);
        }
        this.name = name;
        this.dialect = dialect;
    }

    public String name() {
        return name;
    }

    /** Creates the table; fails (duplicate table) rather than reuse one that exists. */
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl("create-table.sql"));
        }
        dialect.markCreated(c, name, Instant.now());
        commitIfNeeded(c);
    }

    public void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + name);
        }
        commitIfNeeded(c);
    }

    /** Every key in the table with its row count and the sum of its counters, in key order. */
    public List<KeyRow> readKeys(Connection c) throws SQLException {
        List<KeyRow> rows = new ArrayList<>();
        String sql = "SELECT jahr, monat, count(*), sum(some_value) FROM " + name
                + " GROUP BY jahr, monat ORDER BY jahr, monat";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new KeyRow(new RowKey(rs.getInt(1), rs.getInt(2)), rs.getLong(3), rs.getLong(4)));
            }
        }
        commitIfNeeded(c);
        return rows;
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
