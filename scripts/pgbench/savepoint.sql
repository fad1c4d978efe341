-- lockdemo's savepoint strategy (org.lockdemo.strategy.SavepointStrategy) as a pgbench script, for
-- scripts/bench.sh: the statements, byte for byte as lockdemo's jOOQ renders them (Django's, see
-- docs/transcripts.md), with pgbench variables where lockdemo binds its parameters (pgbench
-- -M prepared sends them as $1, $2, ...). PgbenchScriptsTest checks it against the strategy's
-- SQL, path by path.
-- Variables: keys (-D keys=K): the key is one of K at random, mapped as RowKey.ofIndex does.
-- The table name lockdemo_pgbench is replaced by bench.sh with the run's table.
-- pgbench cannot catch a unique violation, so bench.sh prefills the K rows and the create branch
-- below never runs; it is kept (\aset leaves some_value at -1 when no row was found) so that the
-- script sends what the strategy sends on either path. The conflict path (ROLLBACK TO SAVEPOINT
-- and RELEASE after a duplicate key) cannot be written in pgbench.
\set k random(0, :keys - 1)
\set jahr :k / 12 + 1
\set monat :k % 12 + 1
\set some_value -1
BEGIN;
SELECT id, jahr, monat, some_value FROM lockdemo_pgbench WHERE (jahr = :jahr AND monat = :monat) LIMIT 21 FOR UPDATE \aset
\if :some_value = -1
SAVEPOINT lockdemo_create;
INSERT INTO lockdemo_pgbench (jahr, monat, some_value) VALUES (:jahr, :monat, 0) RETURNING id \aset
RELEASE SAVEPOINT lockdemo_create;
\set some_value 0
\endif
\set next :some_value + 1
UPDATE lockdemo_pgbench SET some_value = :next WHERE id = :id;
COMMIT;
