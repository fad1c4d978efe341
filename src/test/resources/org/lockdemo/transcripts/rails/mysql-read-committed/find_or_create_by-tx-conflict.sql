# find_or_create_by-tx, path conflict: what ActiveRecord 6.1 sends to MariaDB 10.11, isolation read-committed
# the call: T.transaction { t = T.find_or_create_by(jahr: j, monat: m); t.some_value += 1; t.save! }
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/rails_capture.rb; do not edit: scripts/transcripts.sh regenerates it
# the application sees: ActiveRecord::RecordNotUnique 1062
BEGIN
SELECT `t`.* FROM `t` WHERE `t`.`jahr` = 1006 AND `t`.`monat` = 1 LIMIT 1
INSERT INTO `t` (`jahr`, `monat`) VALUES (1006, 1)
! 1062
ROLLBACK
