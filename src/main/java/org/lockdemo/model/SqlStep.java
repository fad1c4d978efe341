package org.lockdemo.model;

/**
 * Which statement of an attempt raised an error. Some vendor codes mean different things
 * depending on the statement: PostgreSQL answers both {@code FOR UPDATE NOWAIT} and an expired
 * {@code lock_timeout} with SQLState 55P03, and MariaDB answers both a NOWAIT failure and an
 * {@code innodb_lock_wait_timeout} with error 1205. The classifier needs to know which it was.
 */
public enum SqlStep {
    CONNECT,
    SELECT,
    /** A locking read that waits: {@code SELECT ... FOR UPDATE}. */
    LOCK,
    /** A locking read that must not wait: {@code SELECT ... FOR UPDATE NOWAIT}. */
    LOCK_NOWAIT,
    INSERT,
    UPDATE,
    SAVEPOINT,
    COMMIT,
    ROLLBACK
}
