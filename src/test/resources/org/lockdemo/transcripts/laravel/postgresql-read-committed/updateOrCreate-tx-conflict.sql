# updateOrCreate-tx, path conflict: what Laravel 8.83 sends to PostgreSQL 15, isolation read-committed
# the call: DB::transaction(fn () => T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1]))
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/laravel_capture.php; do not edit: scripts/transcripts.sh regenerates it
# the application sees: QueryException 23505
BEGIN
select "some_value" from "t" where ("jahr" = $1 and "monat" = $2) limit 1
DEALLOCATE pdo_stmt_1
select * from "t" where ("jahr" = $1 and "monat" = $2) limit 1
DEALLOCATE pdo_stmt_2
insert into "t" ("jahr", "monat", "some_value") values ($1, $2, $3) returning "id"
! 23505
DEALLOCATE pdo_stmt_3
! 25P02
ROLLBACK
