package org.lockdemo.db;

/**
 * Where a vendor's server shows every lock on a row or an index entry, held or waited for, for
 * {@code explain --locks}; the explain package reads and words each kind its own way.
 */
public enum LockTables {
    /**
     * PostgreSQL's {@code pg_locks} (transaction ids, tuple-lock queues, advisory locks), with the
     * row locks that live in the tuple header from {@code pgrowlocks} when installed, else the
     * row's {@code xmax}.
     */
    PG_LOCKS,
    /**
     * The TRANSACTIONS section of InnoDB's monitor ({@code SHOW ENGINE INNODB STATUS}) with
     * {@code innodb_status_output_locks=ON}: every record lock of every transaction; MariaDB and MySQL.
     */
    INNODB_MONITOR,
    /** None: SQLite's locks are on the whole file, one per connection, and no connection can list another's. */
    NONE
}
