# firstOrCreate-tx, path conflict: what Laravel 8.83 sends to PostgreSQL 15, isolation read-committed
# the call: DB::transaction(function () { $t = T::firstOrCreate($key); $t->some_value++; $t->save(); })
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/laravel_capture.php; do not edit: scripts/transcripts.sh regenerates it
# the application sees: QueryException 23505
BEGIN
select * from "t" where ("jahr" = $1 and "monat" = $2) limit 1
DEALLOCATE pdo_stmt_1
insert into "t" ("jahr", "monat") values ($1, $2) returning "id"
! 23505
DEALLOCATE pdo_stmt_2
! 25P02
ROLLBACK
