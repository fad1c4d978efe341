# updateOrCreate, path conflict: what Laravel 8.83 sends to PostgreSQL 15, isolation read-committed
# the call: T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1]) (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/laravel_capture.php; do not edit: scripts/transcripts.sh regenerates it
# the application sees: QueryException 23505
BEGIN
select "some_value" from "t" where ("jahr" = $1 and "monat" = $2) limit 1
COMMIT
BEGIN
DEALLOCATE pdo_stmt_1
COMMIT
BEGIN
select * from "t" where ("jahr" = $1 and "monat" = $2) limit 1
COMMIT
BEGIN
DEALLOCATE pdo_stmt_2
COMMIT
BEGIN
insert into "t" ("jahr", "monat", "some_value") values ($1, $2, $3) returning "id"
! 23505
ROLLBACK
BEGIN
DEALLOCATE pdo_stmt_3
COMMIT
