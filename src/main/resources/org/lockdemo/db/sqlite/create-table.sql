-- The model from the django-users thread (TestModel): an auto id, and (jahr, monat) unique together.
-- some_value doubles as the lost-update counter: every attempt that holds the lock adds 1 (on
-- SQLite the lock is the database's write lock; there are no row locks).
-- INTEGER PRIMARY KEY is the rowid (Django's AutoField on SQLite is "integer NOT NULL PRIMARY KEY
-- AUTOINCREMENT"; without AUTOINCREMENT an id may be reused after a delete, which lockdemo never does).
-- Constraint names are per table in SQLite, like InnoDB's index names.
CREATE TABLE {table} (
    id         INTEGER  NOT NULL PRIMARY KEY,
    jahr       integer  NOT NULL,
    monat      smallint NOT NULL,
    some_value bigint   NOT NULL DEFAULT 0,
    CONSTRAINT jahr_monat_key UNIQUE (jahr, monat)
)
