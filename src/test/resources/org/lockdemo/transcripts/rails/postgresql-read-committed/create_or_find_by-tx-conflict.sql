# create_or_find_by-tx, path conflict: what ActiveRecord 6.1 sends to PostgreSQL 15, isolation read-committed
# the call: T.transaction { t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! }
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/rails_capture.rb; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
SAVEPOINT active_record_1
INSERT INTO "t" ("jahr", "monat") VALUES ($1, $2) RETURNING "id"
! 23505
ROLLBACK TO SAVEPOINT active_record_1
SELECT "t".* FROM "t" WHERE "t"."jahr" = $1 AND "t"."monat" = $2 LIMIT $3
UPDATE "t" SET "some_value" = $1 WHERE "t"."id" = $2
COMMIT
