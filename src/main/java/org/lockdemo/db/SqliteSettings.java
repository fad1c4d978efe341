package org.lockdemo.db;

import java.time.Duration;
import java.util.Locale;

/**
 * How lockdemo runs SQLite: how the strategies' transactions begin, the journal mode of the file,
 * and how long a statement waits for another connection's lock. Immutable.
 *
 * @param begin       the mode of every BEGIN lockdemo sends for a strategy's transaction
 * @param journal     the file's journal mode, set on every connection it opens
 * @param busyTimeout how long one wait for the database lock may last; zero: no wait at all (SQLite's
 *                    own default); on SQLite it takes the place of {@code --lock-timeout}
 */
public record SqliteSettings(Begin begin, Journal journal, Duration busyTimeout) {

    /** {@code --lock-timeout}'s default, for the same job. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

    /** DEFERRED: SQLite's own default and Django's until {@code OPTIONS["transaction_mode"]} (Django 5.1). */
    public static final SqliteSettings DEFAULTS = new SqliteSettings(Begin.DEFERRED, Journal.WAL, DEFAULT_BUSY_TIMEOUT);

    public SqliteSettings {
        if (busyTimeout.isNegative()) {
            throw new IllegalArgumentException("a negative busy timeout: " + busyTimeout);
        }
    }

    /**
     * The transaction modes of SQLite's BEGIN (sqlite.org/lang_transaction.html): when the
     * transaction takes the database's locks. They are the lesson on SQLite, which has no row locks.
     */
    public enum Begin {
        /** No lock until the first read (SHARED) and the first write (RESERVED); a read-then-write can fail to upgrade. */
        DEFERRED,
        /** The write lock (RESERVED) at BEGIN: a second writer waits at BEGIN; readers still read (WAL: and never block). */
        IMMEDIATE,
        /** EXCLUSIVE at BEGIN: in the rollback journal no one else reads either; in WAL the same as IMMEDIATE. */
        EXCLUSIVE;

        /** {@code BEGIN IMMEDIATE}. */
        public String sql() {
            return "BEGIN " + name();
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The journal modes lockdemo runs with (sqlite.org/pragma.html#pragma_journal_mode). */
    public enum Journal {
        /** Write-ahead log: readers never wait for the writer and see a snapshot; one writer at a time. */
        WAL,
        /** The rollback journal, SQLite's default: a writer that commits waits until no one reads. */
        DELETE;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
