# findOrCreate-tx, path absent: what Sequelize 6.37 sends to PostgreSQL 15, isolation read-committed
# the call: sequelize.transaction(async (t) => { const [row] = await T.findOrCreate({ where: key, transaction: t }); row.some_value++; await row.save({ transaction: t }); })
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sequelize_capture.js; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
START TRANSACTION
SAVEPOINT "u1-sp-1"
SELECT "id", "jahr", "monat", "some_value" FROM "t" AS "T" WHERE "T"."jahr" = 1001 AND "T"."monat" = 1 LIMIT 1
CREATE OR REPLACE FUNCTION pg_temp.testfunc(OUT response "t", OUT sequelize_caught_exception text) RETURNS RECORD AS $func_h1$ BEGIN INSERT INTO "t" ("id","jahr","monat","some_value") VALUES (DEFAULT,1001,1,0) RETURNING * INTO response; EXCEPTION WHEN unique_violation THEN GET STACKED DIAGNOSTICS sequelize_caught_exception = PG_EXCEPTION_DETAIL; END $func_h1$ LANGUAGE plpgsql; SELECT (testfunc.response)."id", (testfunc.response)."jahr", (testfunc.response)."monat", (testfunc.response)."some_value", testfunc.sequelize_caught_exception FROM pg_temp.testfunc(); DROP FUNCTION IF EXISTS pg_temp.testfunc()
UPDATE "t" SET "some_value"=$1 WHERE "id" = $2
COMMIT
