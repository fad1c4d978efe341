-- lockdemo's naive strategy (org.lockdemo.strategy.NaiveStrategy) as a pgbench script, for
-- scripts/bench.sh: the statements, byte for byte as lockdemo's jOOQ renders them (Django's, see
-- docs/transcripts.md), with pgbench variables where lockdemo binds its parameters (pgbench
-- -M prepared sends them as $1, $2, ...). PgbenchScriptsTest checks it against the strategy's
-- SQL, path by path.
-- Variables: keys (-D keys=K): the key is one of K at random, mapped as RowKey.ofIndex does.
-- The table name lockdemo_pgbench is replaced by bench.sh with the run's table.
-- lockdemo runs with auto-commit off: the first SELECT is its own transaction, ended by a COMMIT,
-- and so is the INSERT; pgjdbc sends each BEGIN together with the transaction's first statement,
-- pgbench sends it as a round trip of its own. A row that exists is only read, as the thread's
-- code does: no lock, no update.
-- pgbench cannot catch a unique violation, so bench.sh prefills the K rows and the create branch
-- below never runs; it is kept (\aset leaves some_value at -1 when no row was found) so that the
-- script sends what the strategy sends on either path.
\set k random(0, :keys - 1)
\set jahr :k / 12 + 1
\set monat :k % 12 + 1
\set some_value -1
BEGIN;
SELECT id, jahr, monat, some_value FROM lockdemo_pgbench WHERE (jahr = :jahr AND monat = :monat) LIMIT 21 \aset
COMMIT;
\if :some_value = -1
BEGIN;
INSERT INTO lockdemo_pgbench (jahr, monat, some_value) VALUES (:jahr, :monat, 0) RETURNING id \aset
COMMIT;
BEGIN;
SELECT id, jahr, monat, some_value FROM lockdemo_pgbench WHERE (jahr = :jahr AND monat = :monat) LIMIT 21 FOR UPDATE \aset
\set next :some_value + 1
UPDATE lockdemo_pgbench SET jahr = :jahr, monat = :monat, some_value = :next WHERE id = :id;
COMMIT;
\endif
