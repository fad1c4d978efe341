-- The model from the django-users thread (TestModel): an auto id, and (jahr, monat) unique together.
-- some_value doubles as the lost-update counter: every attempt that holds the row lock adds 1.
-- MySQL 8 and MariaDB. InnoDB explicitly: the race is about its row, gap and insert-intention locks,
-- and a server whose default_storage_engine is something else would show a different lesson.
-- Index names are per table here (unlike PostgreSQL's per-schema constraint names), so no prefix.
CREATE TABLE {table} (
    id         bigint   NOT NULL AUTO_INCREMENT PRIMARY KEY,
    jahr       int      NOT NULL,
    monat      smallint NOT NULL,
    some_value bigint   NOT NULL DEFAULT 0,
    CONSTRAINT jahr_monat_key UNIQUE (jahr, monat)
) ENGINE=InnoDB
