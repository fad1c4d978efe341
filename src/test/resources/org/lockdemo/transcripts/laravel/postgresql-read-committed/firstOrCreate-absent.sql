# firstOrCreate, path absent: what Laravel 8.83 sends to PostgreSQL 15, isolation read-committed
# the call: $t = T::firstOrCreate($key); $t->some_value++; $t->save(); (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/laravel_capture.php; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
select * from "t" where ("jahr" = $1 and "monat" = $2) limit 1
COMMIT
BEGIN
DEALLOCATE pdo_stmt_1
COMMIT
BEGIN
insert into "t" ("jahr", "monat") values ($1, $2) returning "id"
COMMIT
BEGIN
DEALLOCATE pdo_stmt_2
COMMIT
BEGIN
update "t" set "some_value" = $1 where "id" = $2
COMMIT
BEGIN
DEALLOCATE pdo_stmt_3
COMMIT
