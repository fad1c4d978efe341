# findCreateFind, path present: what Sequelize 6.37 sends to PostgreSQL 15, isolation read-committed
# the call: const [row] = await T.findCreateFind({ where: key }); row.some_value++; await row.save(); (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sequelize_capture.js; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
SELECT "id", "jahr", "monat", "some_value" FROM "t" AS "T" WHERE "T"."jahr" = 1011 AND "T"."monat" = 1 LIMIT 1
COMMIT
BEGIN
UPDATE "t" SET "some_value"=$1 WHERE "id" = $2
COMMIT
