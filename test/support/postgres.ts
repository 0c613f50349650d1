import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The env var through which the global setup hands its cluster's URL to test workers. */
export const PG_URL_ENV = 'OPENSESSION_TEST_PG_URL';
export const PG_MISSING_MESSAGE =
  'PostgreSQL binaries (initdb, pg_ctl) not found: PostgreSQL tests skipped. Install with: apt-get install -y postgresql';

/** The directory holding initdb and pg_ctl (newest Debian version first), or undefined. */
export function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = path.join(root, v, 'bin');
      if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const initdb = which.stdout.trim();
  return which.status === 0 && initdb ? path.dirname(initdb) : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  url: string;
  stop(): void;
}

/** initdb refuses to run as root: run the server binaries as the postgres user then. */
function runPg(bin: string, args: string[]): void {
  const isRoot = userInfo().uid === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a throwaway cluster on 127.0.0.1 (trust auth) in a temp dir. */
export async function startPgCluster(bin = findPgBin()): Promise<PgCluster> {
  if (!bin) throw new Error(PG_MISSING_MESSAGE);
  const dir = mkdtempSync(path.join(tmpdir(), 'opensession-pg-'));
  if (userInfo().uid === 0) {
    const pgUser = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const pgGroup = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, pgUser, pgGroup);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
  runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-o', opts, '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let workerCluster: Promise<PgCluster> | undefined;

/**
 * The admin URL of a cluster for this test process: the global setup's when it ran, otherwise a
 * cluster started here (stop it with stopWorkerCluster). Undefined when PostgreSQL is missing.
 */
export async function pgAdminUrl(): Promise<string | undefined> {
  const fromEnv = process.env[PG_URL_ENV];
  if (fromEnv) return fromEnv;
  if (!findPgBin()) return undefined;
  workerCluster ??= startPgCluster();
  return (await workerCluster).url;
}

/** Stops the cluster pgAdminUrl started in this process, if any (test workers may be killed before 'exit' hooks run). */
export async function stopWorkerCluster(): Promise<void> {
  const c = workerCluster;
  workerCluster = undefined;
  if (c) (await c).stop();
}

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database in the cluster at `adminUrl`. */
export async function createTempDatabase(adminUrl: string): Promise<TempDatabase> {
  const name = `t_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
