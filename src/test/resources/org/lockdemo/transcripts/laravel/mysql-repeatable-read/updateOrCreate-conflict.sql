# updateOrCreate, path conflict: what Laravel 8.83 sends to MariaDB 10.11, isolation repeatable-read
# the call: T::updateOrCreate($key, ['some_value' => T::where($key)->value('some_value') + 1]) (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/laravel_capture.php; do not edit: scripts/transcripts.sh regenerates it
# the application sees: QueryException 1062
BEGIN
select `some_value` from `t` where (`jahr` = ? and `monat` = ?) limit 1
COMMIT
BEGIN
select * from `t` where (`jahr` = ? and `monat` = ?) limit 1
COMMIT
BEGIN
insert into `t` (`jahr`, `monat`, `some_value`) values (?, ?, ?)
! 1062
ROLLBACK
