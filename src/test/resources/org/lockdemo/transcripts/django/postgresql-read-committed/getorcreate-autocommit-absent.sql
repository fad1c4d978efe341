# getorcreate-autocommit, path absent: what Django 3.2 sends to PostgreSQL 15, isolation read-committed
# captured by scripts/transcripts/django_capture.py; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
SELECT "t"."id", "t"."jahr", "t"."monat", "t"."some_value" FROM "t" WHERE ("t"."jahr" = %s AND "t"."monat" = %s) LIMIT 21
COMMIT
BEGIN
INSERT INTO "t" ("jahr", "monat", "some_value") VALUES (%s, %s, %s) RETURNING "t"."id"
COMMIT
BEGIN
UPDATE "t" SET "some_value" = %s WHERE "t"."id" = %s
COMMIT
