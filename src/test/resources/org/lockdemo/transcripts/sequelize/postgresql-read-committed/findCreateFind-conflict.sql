# findCreateFind, path conflict: what Sequelize 6.37 sends to PostgreSQL 15, isolation read-committed
# the call: const [row] = await T.findCreateFind({ where: key }); row.some_value++; await row.save(); (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sequelize_capture.js; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
SELECT "id", "jahr", "monat", "some_value" FROM "t" AS "T" WHERE "T"."jahr" = 1012 AND "T"."monat" = 1 LIMIT 1
COMMIT
BEGIN
INSERT INTO "t" ("id","jahr","monat","some_value") VALUES (DEFAULT,$1,$2,$3) RETURNING "id","jahr","monat","some_value"
! 23505
ROLLBACK
BEGIN
SELECT "id", "jahr", "monat", "some_value" FROM "t" AS "T" WHERE "T"."jahr" = 1012 AND "T"."monat" = 1 LIMIT 1
COMMIT
BEGIN
UPDATE "t" SET "some_value"=$1 WHERE "id" = $2
COMMIT
