// Runs Sequelize's own get-or-create calls against a real database, through wire_capture.py,
// which writes what the server received as lockdemo transcripts.
//
// Usage (node, with the Sequelize that scripts/transcripts/sequelize/package-lock.json pins,
// installed by scripts/transcripts.sh with npm ci into target/transcripts/sequelize and found through
// NODE_PATH), with wire_capture.py listening on PORT in front of the server:
//   node scripts/transcripts/sequelize_capture.js --backend postgresql|mysql --isolation read-committed --port PORT
// scripts/transcripts.sh runs it for every database and isolation level.
//
// The calls, on the seed's model, each followed by the "long computation" (read the value, add one,
// save):
//   findOrCreate-tx     sequelize.transaction(async (t) => { const [row] = await T.findOrCreate({ where, transaction: t }); ... })
//   findOrCreate        without the caller's transaction: findOrCreate opens one of its own, and
//                       after a unique violation looks the row up outside it, on another connection
//   findCreateFind-tx   the same with findCreateFind, in the caller's transaction
//   findCreateFind      findCreateFind without a transaction
// MariaDB is reached through Sequelize's mariadb dialect (the mariadb connector). The session's
// isolation level is set when a pooled connection is made (an afterConnect hook); the pool is
// filled before the first case, so that no connection set-up lands in a transcript.
'use strict';

let Sequelize, DataTypes, UniqueConstraintError;
try {
  ({ Sequelize, DataTypes, UniqueConstraintError } = require('sequelize'));
  require('pg');
  require('mariadb');
} catch (e) {
  process.stderr.write('sequelize_capture: Sequelize is not installed (' + e.message.split('\n')[0] + '); '
    + 'npm ci in a copy of scripts/transcripts/sequelize, with NODE_PATH naming its node_modules\n');
  process.exit(3);
}

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', isolation: 'read-committed', database: 'test' };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!['backend', 'isolation', 'host', 'port', 'database'].includes(name)) {
      throw new Error('sequelize_capture: unknown option ' + argv[i]);
    }
    opts[name] = argv[i + 1];
  }
  if (!['postgresql', 'mysql'].includes(opts.backend) || !opts.port) {
    throw new Error('sequelize_capture: --backend postgresql|mysql and --port are required');
  }
  return opts;
}

/** The call returned no row (its re-read after the duplicate found nothing). */
class NoRow extends Error {}

async function main() {
  const opts = parseArgs(process.argv);
  const postgres = opts.backend === 'postgresql';
  const level = opts.isolation.replace('-', ' ').toUpperCase();
  const sequelize = new Sequelize(opts.database, postgres ? 'postgres' : 'root',
    (postgres ? process.env.PGPASSWORD : process.env.MYSQL_PWD) || '', {
      host: opts.host, port: Number(opts.port), dialect: postgres ? 'postgres' : 'mariadb', logging: false,
      pool: { max: 5, min: 0, idle: 600000 },
      hooks: {
        afterConnect: async (connection) => {
          const set = postgres ? 'SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ' + level
            : 'SET SESSION TRANSACTION ISOLATION LEVEL ' + level;
          await connection.query(set);
        },
      },
    });
  const table = 'lockdemo_sequelize_' + process.pid;
  const T = sequelize.define('T', {
    jahr: { type: DataTypes.INTEGER, allowNull: false },
    monat: { type: DataTypes.SMALLINT, allowNull: false },
    some_value: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
  }, { tableName: table, timestamps: false, indexes: [{ unique: true, fields: ['jahr', 'monat'] }] });

  const marker = (message) => sequelize.query("SELECT 'lockdemo-capture "
    + Buffer.from(JSON.stringify(message)).toString('base64url') + "'");
  const compute = async (row, transaction) => {
    if (!row) throw new NoRow();
    row.some_value = Number(row.some_value) + 1; // the long computation: read the value, add one, save
    await row.save({ transaction });
  };
  const cases = {
    'findOrCreate-tx': ['sequelize.transaction(async (t) => { const [row] = await T.findOrCreate({ where: key, transaction: t }); '
      + 'row.some_value++; await row.save({ transaction: t }); })',
      (key) => sequelize.transaction(async (t) => compute((await T.findOrCreate({ where: key, transaction: t }))[0], t))],
    'findOrCreate': ['const [row] = await T.findOrCreate({ where: key }); row.some_value++; await row.save(); (no transaction of the caller\'s)',
      async (key) => compute((await T.findOrCreate({ where: key }))[0])],
    'findCreateFind-tx': ['sequelize.transaction(async (t) => { const [row] = await T.findCreateFind({ where: key, transaction: t }); '
      + 'row.some_value++; await row.save({ transaction: t }); })',
      (key) => sequelize.transaction(async (t) => compute((await T.findCreateFind({ where: key, transaction: t }))[0], t))],
    'findCreateFind': ['const [row] = await T.findCreateFind({ where: key }); row.some_value++; await row.save(); (no transaction of the caller\'s)',
      async (key) => compute((await T.findCreateFind({ where: key }))[0])],
  };
  const version = require('sequelize/package.json').version.split('.').slice(0, 2).join('.');
  const label = 'Sequelize ' + version;

  await T.sync({ force: true });
  try {
    // fill the pool: three connections made now, not inside a case
    const pause = postgres ? 'SELECT pg_sleep(0.2)' : 'SELECT SLEEP(0.2)';
    await Promise.all([1, 2, 3].map(() => sequelize.query(pause)));
    let warm = 0;
    for (const [, call] of Object.values(cases)) { // warm-up: absent, then present
      warm += 1;
      await call({ jahr: warm, monat: 1 });
      await call({ jahr: warm, monat: 1 });
    }
    let n = 1000;
    for (const [name, [text, call]] of Object.entries(cases)) {
      for (const path of ['absent', 'present', 'conflict']) {
        n += 1;
        const key = { jahr: n, monat: 1 };
        if (path === 'present') await T.create(key);
        const start = { op: 'start', framework: 'sequelize', case: name, path, isolation: opts.isolation, table,
          label, script: 'sequelize_capture.js', call: text };
        if (path === 'conflict') start.conflict = [key.jahr, key.monat];
        await marker(start);
        let sees = 'no error';
        try {
          await call(key);
        } catch (e) {
          if (e instanceof NoRow) {
            sees = 'no row: the call returned null';
          } else if (e instanceof UniqueConstraintError) {
            sees = e.name + ' ' + (postgres ? e.parent.code : e.parent.errno);
          } else {
            throw e;
          }
        }
        await marker({ op: 'end', sees });
      }
    }
  } finally {
    await T.drop();
    await marker({ op: 'finish' });
    await sequelize.close();
  }
}

main().catch((e) => {
  process.stderr.write((e.stack || String(e)) + '\n');
  process.exit(1);
});
