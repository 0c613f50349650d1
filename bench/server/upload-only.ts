/**
 * 1 MB uploads alone against a COPY of the cached SQLite bench database (the cache stays as
 * seeded), for profiling the upload path: `npx tsx bench/server/upload-only.ts [uploads]`, with
 * OPENSESSION_BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile.
 * Prints the same figures as the full server bench (timeUploads).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE } from '../lib/history.js';
import { fmtUploads, timeUploads } from './load.js';
import { startServerProcess } from './process.js';
import type { SeedInfo } from './seed.js';
import { largeSession } from './sessions.js';

const SOURCE = join(CACHE, 'server-sqlite-100000-v1');
const UPLOADS = Number(process.argv[2] ?? 30);

async function main(): Promise<void> {
  const marker = join(SOURCE, '.seeded.json');
  if (!existsSync(marker)) throw new Error(`${SOURCE} is not seeded: run \`npm run bench -- server\` once`);
  const seed = JSON.parse(readFileSync(marker, 'utf8')) as SeedInfo;
  const work = mkdtempSync(join(tmpdir(), 'opensession-upload-bench-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  for (const f of ['opensession.db', 'opensession.db-wal', 'opensession.db-shm', 'jwt-secret'])
    if (existsSync(join(SOURCE, f))) copyFileSync(join(SOURCE, f), join(dataDir, f));
  const server = await startServerProcess({ OPENSESSION_DATA_DIR: dataDir }, join(work, 'server.log'));
  try {
    const big = await largeSession(1024 * 1024);
    await timeUploads(server, seed.apiKey, big, 3, { fresh: true, prefix: 'warm' });
    const fresh = await timeUploads(server, seed.apiKey, big, UPLOADS, { fresh: true, prefix: 'new' });
    const again = await timeUploads(server, seed.apiKey, big, Math.ceil(UPLOADS / 2), {
      fresh: false,
      prefix: 'new-0',
    });
    console.log(`upload 1 MB, new session ids: ${fmtUploads(fresh.times)}`);
    console.log(`upload 1 MB, same session id again: ${fmtUploads(again.times)}`);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
