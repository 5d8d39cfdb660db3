'use strict';
// The fenced loader in Node.js (ioredis + sql.js), written from docs/your-loader.md alone.
// Per chunk: GETBIT done i (a shortcut: skip when 1); read the rows; one Lua script pushes the
// rows and sets the bit only if the bit is still 0, so a replayed or concurrent commit does nothing.
// The script goes with EVAL, not EVALSHA: one command, one reply, also on a fresh server.
const fs = require('node:fs');
const path = require('node:path');
const Redis = require('ioredis');
const initSqlJs = require('sql.js');
const { openSteps } = require('./steps');

const FENCED_PUSH = `
if redis.call('GETBIT', KEYS[2], ARGV[1]) == 1 then return 0 end
for j = 2, #ARGV do redis.call('LPUSH', KEYS[1], ARGV[j]) end
redis.call('SETBIT', KEYS[2], ARGV[1], 1)
return 1`;

class Exit extends Error {
  constructor(code, sentence) { super(sentence); this.code = code; }
}

function need(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Exit(2, `${name} is not set.`);
  return value;
}

function needInt(name) {
  const value = Number(need(name));
  if (!Number.isInteger(value) || value < 0) throw new Exit(2, `${name} is not a whole number: ${process.env[name]}.`);
  return value;
}

// REDIS_RACE_CLIENT -> ioredis's own reconnect and resend settings.
function clientOptions(mode, timeoutMs) {
  const noRetry = { retryStrategy: () => null, maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false };
  switch (mode) {
    case 'jedis':
    case 'lettuce-at-most-once':
    case 'jedis-retry': return { ...noRetry, commandTimeout: timeoutMs };
    // ioredis's defaults: reconnect, and resend the commands sent but unanswered when the connection dropped.
    case 'lettuce': return { commandTimeout: timeoutMs, maxRetriesPerRequest: 3 };
    default: throw new Exit(2, `REDIS_RACE_CLIENT is not a known client mode: ${mode}.`);
  }
}

async function connect(env, options) {
  const redis = new Redis({
    host: env.host, port: env.port, lazyConnect: true, connectTimeout: env.timeoutMs,
    enableOfflineQueue: true, ...options,
  });
  redis.on('error', () => {}); // errors reach the awaiting command; no unhandled-event noise
  await redis.connect();
  return redis;
}

function isConnectionError(e) {
  return !(e instanceof Redis.ReplyError);
}

async function main() {
  const env = {
    host: need('REDIS_RACE_REDIS_HOST'), port: needInt('REDIS_RACE_REDIS_PORT'),
    kind: need('REDIS_RACE_SOURCE_KIND'), table: need('REDIS_RACE_TABLE'),
    size: needInt('REDIS_RACE_CHUNK_SIZE'), start: needInt('REDIS_RACE_START_CHUNK'),
    list: need('REDIS_RACE_LIST_KEY'), done: need('REDIS_RACE_DONE_KEY'),
    timeoutMs: needInt('REDIS_RACE_TIMEOUT_MS'), mode: need('REDIS_RACE_CLIENT'),
  };
  if (env.size === 0) throw new Exit(2, 'REDIS_RACE_CHUNK_SIZE must be at least 1.');
  if (env.kind !== 'sqlite') throw new Exit(2, `this loader reads SQLite only, not ${env.kind}.`);
  const options = clientOptions(env.mode, env.timeoutMs);

  const sourcePath = need('REDIS_RACE_SOURCE_PATH');
  let db;
  try {
    const SQL = await initSqlJs({ locateFile: (f) => path.join(path.dirname(require.resolve('sql.js')), f) });
    db = new SQL.Database(fs.readFileSync(sourcePath));
    db.exec(`SELECT 1 FROM "${env.table}" LIMIT 1`);
  } catch (e) {
    throw new Exit(2, `the source ${sourcePath} cannot be read: ${String(e.message).replace(/\.$/, "")}.`);
  }
  const count = db.exec(`SELECT COUNT(*) FROM "${env.table}"`)[0].values[0][0];
  const chunks = Math.ceil(count / env.size);
  const select = db.prepare(`SELECT id, payload FROM "${env.table}" ORDER BY id LIMIT ? OFFSET ?`);

  let redis;
  try {
    redis = await connect(env, options);
  } catch (e) {
    throw new Exit(2, `Redis at ${env.host}:${env.port} is unreachable: ${String(e.message).replace(/\.$/, "")}.`);
  }
  const steps = await openSteps();

  let chunk = -1;
  let committing = false;
  let committed = 0;
  let skipped = 0;
  try {
    for (let k = 0; k < chunks; k++) {
      chunk = (env.start + k) % chunks;
      await steps.at('chunk-started', chunk);
      const bit = await redis.getbit(env.done, chunk);
      await steps.at('bit-checked', chunk, { bit });
      if (bit === 1) { skipped++; await steps.at('chunk-skipped', chunk, { reason: 'marked' }); continue; }

      const rows = [];
      select.bind([env.size, chunk * env.size]);
      while (select.step()) { const [id, payload] = select.get(); rows.push(`${id}:${payload}`); }
      select.reset();
      await steps.at('rows-read', chunk, { rows: rows.length });

      await steps.at('commit-sending', chunk);
      committing = true;
      let applied;
      for (let attempt = 1; ; attempt++) {
        try {
          applied = (await redis.eval(FENCED_PUSH, 2, env.list, env.done, chunk, ...rows)) === 1;
          break;
        } catch (e) {
          // jedis-retry: 3 attempts in all, each on a new connection, the whole script again.
          if (env.mode !== 'jedis-retry' || attempt >= 3 || !isConnectionError(e)) throw e;
          redis.disconnect();
          await steps.at('commit-retry', chunk, { attempt: attempt + 1, error: e.name || 'Error' });
          redis = await connect(env, options);
        }
      }
      committing = false;
      if (applied) committed++;
      await steps.at('commit-acked', chunk, { applied });
    }
    await steps.at('done', -1, { committed, skipped });
  } catch (e) {
    if (e instanceof Exit) throw e;
    if (committing) await steps.at('commit-failed', chunk, { error: e.name || 'Error' });
    throw new Exit(3, `a Redis step of chunk ${chunk} failed, outcome unknown (run it again): ${String(e.message).replace(/\.$/, "")}.`);
  } finally {
    steps.close();
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`fenced.js: ${e.message}\n`);
    process.exit(e instanceof Exit ? e.code : 3);
  },
);
