# findOrCreate, path absent: what Sequelize 6.37 sends to MariaDB 10.11, isolation repeatable-read
# the call: const [row] = await T.findOrCreate({ where: key }); row.some_value++; await row.save(); (no transaction of the caller's)
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sequelize_capture.js; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
START TRANSACTION
SELECT `id`, `jahr`, `monat`, `some_value` FROM `t` AS `T` WHERE `T`.`jahr` = 1004 AND `T`.`monat` = 1 LIMIT 1
INSERT INTO `t` (`id`,`jahr`,`monat`,`some_value`) VALUES (DEFAULT,1004,1,0)
COMMIT
BEGIN
UPDATE `t` SET `some_value`=1 WHERE `id` = 9
COMMIT
