-- The model from the django-users thread (TestModel): an auto id, and (jahr, monat) unique together.
-- some_value doubles as the lost-update counter: every attempt that holds the row lock adds 1.
CREATE TABLE {table} (
    id         bigserial PRIMARY KEY,
    jahr       integer   NOT NULL,
    monat      smallint  NOT NULL,
    some_value bigint    NOT NULL DEFAULT 0,
    CONSTRAINT {table}_jahr_monat_key UNIQUE (jahr, monat)
)
