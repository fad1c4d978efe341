-- lockdemo's naive strategy (org.lockdemo.strategy.NaiveStrategy) as a pgbench script, for
-- scripts/bench.sh: the statements, byte for byte as lockdemo's jOOQ renders them, with :jahr and
-- :monat where lockdemo binds its two parameters (pgbench -M prepared sends them as $1, $2).
-- PgbenchScriptsTest checks it against the strategy's SQL, path by path.
-- Variables: keys (-D keys=K): the key is one of K at random, mapped as RowKey.ofIndex does.
-- The table name lockdemo_pgbench is replaced by bench.sh with the run's table.
-- lockdemo runs with auto-commit off: the first SELECT is its own transaction, ended by a COMMIT,
-- and so is the INSERT; pgjdbc sends each BEGIN together with the transaction's first statement,
-- pgbench sends it as a round trip of its own.
-- pgbench cannot catch a unique violation, so bench.sh prefills the K rows and the create branch
-- below never runs; it is kept (\aset leaves some_value at -1 when no row was found) so that the
-- script sends what the strategy sends on either path.
\set k random(0, :keys - 1)
\set jahr :k / 12 + 1
\set monat :k % 12 + 1
\set some_value -1
BEGIN;
select some_value from lockdemo_pgbench where (jahr = :jahr and monat = :monat) \aset
COMMIT;
\if :some_value = -1
BEGIN;
insert into lockdemo_pgbench (jahr, monat, some_value) values (:jahr, :monat, 0);
COMMIT;
\endif
BEGIN;
select some_value from lockdemo_pgbench where (jahr = :jahr and monat = :monat) for update;
update lockdemo_pgbench set some_value = (some_value + 1) where (jahr = :jahr and monat = :monat);
COMMIT;
