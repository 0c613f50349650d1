/**
 * A seeded PostgreSQL database for the server bench. The private cluster is thrown away after
 * each run, so the first seed is kept as a pg_dump in bench/.cache and restored on later runs
 * (seeding 100k sessions costs minutes of PostgreSQL CPU; a restore, seconds).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { ServerConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/connect.js';
import { migrateToLatest } from '../../src/server/db/migrations.js';
import { CACHE } from '../lib/history.js';
import { type SeedInfo, seedDatabase } from './seed.js';

export interface SeededPostgres {
  seed: SeedInfo;
  /** What was done, for the report. */
  how: string;
}

/**
 * Brings a restored database to the current schema, then vacuums and analyzes it: the state of
 * a database in use (hint bits set, planner statistics), and no autovacuum run during the load.
 */
async function settle(config: ServerConfig): Promise<void> {
  const database = openDatabase({ dialect: 'postgres', url: config.databaseUrl });
  try {
    await migrateToLatest(database);
    await sql`VACUUM ANALYZE`.execute(database.db);
  } finally {
    await database.close();
  }
}

/** Seeds (or restores) `count` sessions into the database at config.databaseUrl. */
export async function seededPostgres(
  config: ServerConfig,
  pgBin: string,
  count: number,
  cacheName: string,
): Promise<SeededPostgres> {
  const url = config.databaseUrl;
  const dump = join(CACHE, `${cacheName}.dump`);
  const marker = join(CACHE, `${cacheName}.json`);
  const started = performance.now();
  if (existsSync(marker) && existsSync(dump)) {
    execFileSync(join(pgBin, 'pg_restore'), ['--no-owner', '--no-privileges', '-d', url, dump], { stdio: 'pipe' });
    await settle(config);
    const seconds = (performance.now() - started) / 1000;
    return {
      seed: JSON.parse(readFileSync(marker, 'utf8')) as SeedInfo,
      how: `restored from ${dump} in ${seconds.toFixed(1)} s`,
    };
  }
  rmSync(marker, { force: true });
  mkdirSync(CACHE, { recursive: true });
  const seed = await seedDatabase(config, count);
  await settle(config);
  execFileSync(join(pgBin, 'pg_dump'), ['-Fc', '-f', `${dump}.part`, '-d', url], { stdio: 'pipe' });
  renameSync(`${dump}.part`, dump);
  writeFileSync(marker, JSON.stringify(seed));
  return { seed, how: `seeded in ${seed.seconds.toFixed(1)} s (kept as ${dump})` };
}
