# findOrCreate-tx, path absent: what Sequelize 6.37 sends to MariaDB 10.11, isolation read-committed
# the call: sequelize.transaction(async (t) => { const [row] = await T.findOrCreate({ where: key, transaction: t }); row.some_value++; await row.save({ transaction: t }); })
# captured from the wire by scripts/transcripts/wire_capture.py, driven by scripts/transcripts/sequelize_capture.js; do not edit: scripts/transcripts.sh regenerates it
# the application sees: no error
START TRANSACTION
SAVEPOINT `u1-sp-1`
SELECT `id`, `jahr`, `monat`, `some_value` FROM `t` AS `T` WHERE `T`.`jahr` = 1001 AND `T`.`monat` = 1 LIMIT 1
INSERT INTO `t` (`id`,`jahr`,`monat`,`some_value`) VALUES (DEFAULT,1001,1,0)
UPDATE `t` SET `some_value`=1 WHERE `id` = 5
COMMIT
