# create_or_find_by, path absent: what ActiveRecord 6.1 sends to MariaDB 10.11, isolation repeatable-read
# the call: t = T.create_or_find_by(jahr: j, monat: m); t.some_value += 1; t.save! (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/rails_capture.rb; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
BEGIN
INSERT INTO `t` (`jahr`, `monat`) VALUES (1007, 1)
COMMIT
BEGIN
UPDATE `t` SET `t`.`some_value` = 1 WHERE `t`.`id` = 14
COMMIT
