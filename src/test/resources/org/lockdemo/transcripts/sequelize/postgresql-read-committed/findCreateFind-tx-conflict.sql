# findCreateFind-tx, path conflict: what Sequelize 6.37 sends to PostgreSQL 15, isolation read-committed
# the call: sequelize.transaction(async (t) => { const [row] = await T.findCreateFind({ where: key, transaction: t }); row.some_value++; await row.save({ transaction: t }); })
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sequelize_capture.js; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
START TRANSACTION
SELECT "id", "jahr", "monat", "some_value" FROM "t" AS "T" WHERE "T"."jahr" = 1009 AND "T"."monat" = 1 LIMIT 1
INSERT INTO "t" ("id","jahr","monat","some_value") VALUES (DEFAULT,$1,$2,$3) ON CONFLICT DO NOTHING RETURNING "id","jahr","monat","some_value"
SELECT "id", "jahr", "monat", "some_value" FROM "t" AS "T" WHERE "T"."jahr" = 1009 AND "T"."monat" = 1 LIMIT 1
UPDATE "t" SET "some_value"=$1 WHERE "id" = $2
COMMIT
