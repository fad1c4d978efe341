# firstOrCreate-tx, path present: what Laravel 8.83 sends to MariaDB 10.11, isolation repeatable-read
# the call: DB::transaction(function () { $t = T::firstOrCreate($key); $t->some_value++; $t->save(); })
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/laravel_capture.php; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
START TRANSACTION
select * from `t` where (`jahr` = ? and `monat` = ?) limit 1
update `t` set `some_value` = ? where `id` = ?
COMMIT
