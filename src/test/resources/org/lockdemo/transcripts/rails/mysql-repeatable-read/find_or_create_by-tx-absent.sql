# find_or_create_by-tx, path absent: what ActiveRecord 6.1 sends to MariaDB 10.11, isolation repeatable-read
# the call: T.transaction { t = T.find_or_create_by(jahr: j, monat: m); t.some_value += 1; t.save! }
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/rails_capture.rb; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
SELECT `t`.* FROM `t` WHERE `t`.`jahr` = 1004 AND `t`.`monat` = 1 LIMIT 1
INSERT INTO `t` (`jahr`, `monat`) VALUES (1004, 1)
UPDATE `t` SET `t`.`some_value` = 1 WHERE `t`.`id` = 10
COMMIT
