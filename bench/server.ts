/**
 * Server throughput (issues 5 and 9): the real server process over a database of 100k sessions
 * of one user, on SQLite and on PostgreSQL, loaded with autocannon; 1 MB uploads; then two
 * instances on one PostgreSQL. Sizes and durations: OPENSESSION_BENCH_SERVER_SESSIONS,
 * OPENSESSION_BENCH_SERVER_SECONDS, OPENSESSION_BENCH_SERVER_CONNECTIONS.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { findPgBin, startPgCluster } from '../test/support/postgres.js';
import { CACHE } from './lib/history.js';
import {
  cursorAfter,
  deleteSessions,
  fmtThroughput,
  fmtUploads,
  hammer,
  type LoadOptions,
  sessionTotal,
  timeUploads,
} from './server/load.js';
import { seededPostgres } from './server/pg-cache.js';
import { BENCH_JWT_SECRET, type ServerProcess, serverCommand, startServerProcess } from './server/process.js';
import { type SeedInfo, seedDatabase } from './server/seed.js';
import { largeSession, TITLE_WORDS } from './server/sessions.js';

const env = process.env;
const SESSIONS = Number(env.OPENSESSION_BENCH_SERVER_SESSIONS ?? 100_000);
const LOAD: LoadOptions = {
  seconds: Number(env.OPENSESSION_BENCH_SERVER_SECONDS ?? 10),
  connections: Number(env.OPENSESSION_BENCH_SERVER_CONNECTIONS ?? 20),
};
const PER_PAGE = 50;
const UPLOAD_BYTES = 1024 * 1024;
const UPLOADS = 30;
const REUPLOADS = 15;
/** Bump when the seeded data changes shape, so cached databases are rebuilt. */
const SEED_VERSION = 1;

const TARGET_LIST = '[target >= 2,000 req/s, p99 < 50 ms]';
const TARGET_UPLOAD = '[target p95 < 100 ms]';

const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

function seedConfig(dataDir: string, databaseUrl?: string) {
  return loadConfig({
    OPENSESSION_DATA_DIR: dataDir,
    JWT_SECRET: BENCH_JWT_SECRET,
    OPENSESSION_LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  }).config;
}

/** A SQLite data dir seeded once into bench/.cache (marker written last: an interrupted seed is redone). */
async function cachedSqliteDir(out: string[]): Promise<{ dir: string; seed: SeedInfo }> {
  const dir = join(CACHE, `server-sqlite-${SESSIONS}-v${SEED_VERSION}`);
  const marker = join(dir, '.seeded.json');
  if (existsSync(marker)) {
    out.push(`sqlite: seeded data dir cached in ${dir}`);
    return { dir, seed: JSON.parse(readFileSync(marker, 'utf8')) as SeedInfo };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  progress(`seeding ${SESSIONS} sessions into SQLite (${dir})`);
  const seed = await seedDatabase(seedConfig(dir), SESSIONS);
  writeFileSync(marker, JSON.stringify(seed));
  out.push(
    `sqlite: seeded ${SESSIONS.toLocaleString('en-US')} sessions in ${seed.seconds.toFixed(1)} s (cached in ${dir})`,
  );
  return { dir, seed };
}

const list = (extra = '') => `/api/sessions?per_page=${PER_PAGE}${extra}`;

/** List throughput (first page, a deep cursor, a search) and 1 MB uploads against one server. */
async function listAndUpload(name: string, server: ServerProcess, seed: SeedInfo, out: string[]): Promise<void> {
  const { url } = server;
  const total = await sessionTotal(url, seed.apiKey);
  out.push(`${name}: server sees ${total.toLocaleString('en-US')} sessions`);
  progress(`${name}: warming up`);
  await hammer([server], list(), seed.apiKey, { ...LOAD, seconds: 2 });
  const cursor = await cursorAfter(url, seed.apiKey, Math.floor(total / 2), PER_PAGE);
  // Distinct `since` values before every seeded session: the same rows, but a response cache
  // can never answer, so this is the cost of building a page.
  const uncached = (n: number) => list(`&since=${new Date(Date.UTC(2000, 0, 1) + n).toISOString()}`);
  const variants: [string, string | ((n: number) => string)][] = [
    ['first page', list()],
    ['a new filter on every request (page and total count computed, nothing cached)', uncached],
    [`cursor at ${Math.floor(total / 2).toLocaleString('en-US')}`, list(`&cursor=${encodeURIComponent(cursor)}`)],
    [`search "${TITLE_WORDS[0]}"`, list(`&search=${TITLE_WORDS[0]}`)],
  ];
  for (const [label, path] of variants) {
    progress(`${name}: list, ${label}`);
    const t = await hammer([server], path, seed.apiKey, LOAD);
    out.push(`  list ${label}: ${fmtThroughput(t)}  ${TARGET_LIST}`);
  }
  progress(`${name}: uploads`);
  const big = await largeSession(UPLOAD_BYTES);
  const prefix = `bench-upload-${Date.now()}`;
  // warm-up: the first uploads compile the upload path
  const warm = await timeUploads(server, seed.apiKey, big, 3, { fresh: true, prefix: `${prefix}-warm` });
  const fresh = await timeUploads(server, seed.apiKey, big, UPLOADS, { fresh: true, prefix });
  const again = await timeUploads(server, seed.apiKey, big, REUPLOADS, { fresh: false, prefix: `${prefix}-0` });
  out.push(`  upload 1 MB, new session ids: ${fmtUploads(fresh.times)}  ${TARGET_UPLOAD}`);
  out.push(`  upload 1 MB, same session id again: ${fmtUploads(again.times)}  ${TARGET_UPLOAD}`);
  await deleteSessions(url, seed.apiKey, new Set([...warm.ids, ...fresh.ids, ...again.ids]));
}

const rss = (name: string, s: ServerProcess) => `${name} ${s.peakRssMb()?.toFixed(0) ?? '?'} MB`;

async function sqliteBench(out: string[]): Promise<void> {
  const { dir, seed } = await cachedSqliteDir(out);
  const work = mkdtempSync(join(tmpdir(), 'opensession-bench-sqlite-'));
  const server = await startServerProcess({ OPENSESSION_DATA_DIR: dir }, join(work, 'server.log'));
  try {
    await listAndUpload('sqlite', server, seed, out);
    out.push(`  peak RSS: ${rss('server', server)}`);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** PostgreSQL in a private cluster (seeded, or restored from the cached seed), then 1 vs 2 instances. */
async function postgresBench(out: string[]): Promise<void> {
  const pgBin = findPgBin();
  if (!pgBin) {
    out.push('postgres: skipped (initdb/pg_ctl not found; apt-get install -y postgresql)');
    return;
  }
  const cluster = await startPgCluster(pgBin);
  // pg_ctl daemonizes the cluster: stop it on Ctrl-C too (the servers die with the process group).
  const interrupted = () => {
    cluster.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  const work = mkdtempSync(join(tmpdir(), 'opensession-bench-pg-'));
  const servers: ServerProcess[] = [];
  try {
    progress(`seeding (or restoring) ${SESSIONS} sessions into PostgreSQL`);
    const cacheName = `server-pg-${SESSIONS}-v${SEED_VERSION}`;
    const { seed, how } = await seededPostgres(seedConfig(work, cluster.url), pgBin, SESSIONS, cacheName);
    out.push(`postgres: ${SESSIONS.toLocaleString('en-US')} sessions ${how}`);
    const start = async (n: string) => {
      const s = await startServerProcess(
        { DATABASE_URL: cluster.url, OPENSESSION_DATA_DIR: join(work, n) },
        join(work, `server-${n}.log`),
      );
      servers.push(s);
      return s;
    };
    const a = await start('a');
    await listAndUpload('postgres', a, seed, out);
    progress('postgres: scale-out, 1 instance');
    const one = await hammer([a], list(), seed.apiKey, LOAD);
    const b = await start('b');
    await hammer([b], list(), seed.apiKey, { ...LOAD, seconds: 2 });
    progress('postgres: scale-out, 2 instances');
    const two = await hammer([a, b], list(), seed.apiKey, LOAD);
    out.push('  scale-out, first page, same total connections:');
    out.push(`    1 instance:  ${fmtThroughput(one)}`);
    out.push(`    2 instances: ${fmtThroughput(two)} (x${(two.reqPerSec / one.reqPerSec).toFixed(2)})`);
    const failed = one.non2xx + one.errors + two.non2xx + two.errors;
    out.push(`    failed requests: ${failed}  [target 0]`);
    out.push(`  peak RSS: ${rss('instance a', a)}, ${rss('instance b', b)}`);
  } finally {
    process.off('SIGINT', interrupted);
    await Promise.all(servers.map((s) => s.stop()));
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

export async function benchServer(): Promise<string[]> {
  const out = [
    `server: ${serverCommand().label}, log level info (one line per request)`,
    `data: ${SESSIONS.toLocaleString('en-US')} sessions of one user (every 10th shared with a team); autocannon ${LOAD.connections} connections x ${LOAD.seconds} s per figure`,
  ];
  await sqliteBench(out);
  await postgresBench(out);
  return out;
}
