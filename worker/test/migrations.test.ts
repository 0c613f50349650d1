import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrationFiles, staleFiles } from '../scripts/gen-migrations.js';
import { d1Of, startWorker } from './support/worker.js';

describe('D1 migrations', () => {
  it('are up to date with the server schema (else: npx tsx worker/scripts/gen-migrations.ts)', async () => {
    expect(await staleFiles()).toEqual([]);
  });

  it('create every table of the server schema on D1', async () => {
    const w = await startWorker();
    try {
      const rows = await (await d1Of(w))
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sessions_fts_%' ORDER BY name")
        .all<{ name: string }>();
      const [first] = await migrationFiles().then((m) => [...m.values()]);
      const created = [...first!.matchAll(/create (?:virtual )?table "?(\w+)"?/gi)].map((m) => m[1]);
      expect(rows.results.map((r) => r.name).filter((n) => !n.startsWith('_cf_'))).toEqual([...created].sort());
      expect(readFileSync(path.join(MIGRATIONS_DIR, '0001_initial.sql'), 'utf8')).toContain('fts5');
    } finally {
      await w.close();
    }
  });
});
