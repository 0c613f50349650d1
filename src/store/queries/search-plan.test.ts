import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openIndex } from '../db.js';
import { filterSql } from './filters.js';
import { searchSql } from './search.js';

// Work-count invariant (not a timing): a search reads the FTS index for its matches and then
// reaches events and sessions by key only; it never scans a table.
let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'os-search-plan-'));
  db = openIndex(join(dir, 'local.db'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, params: Record<string, unknown>): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('search query plan', () => {
  it('takes matches from the FTS index and joins events and sessions by key', () => {
    const steps = plan(searchSql('1=1', 'LIMIT @candidates'), { match: 'auth', limit: 20, candidates: 20 });
    expect(steps.some((s) => /SCAN events_fts VIRTUAL TABLE INDEX/.test(s))).toBe(true);
    expect(steps).toContainEqual(expect.stringMatching(/^SEARCH e USING INTEGER PRIMARY KEY/));
    expect(steps).toContainEqual(expect.stringMatching(/^SEARCH s USING INDEX sqlite_autoindex_sessions/));
    expect(steps.filter((s) => /^SCAN (e|s|events|sessions)\b/.test(s))).toEqual([]);
  });

  it('keeps that shape with filters', () => {
    const { where, params } = filterSql({ tool: 'claude-code', since: '2026-01-01T00:00:00Z' });
    const steps = plan(searchSql(where, ''), { ...params, match: 'auth', limit: 20 });
    expect(steps.filter((s) => /^SCAN (e|s|events|sessions)\b/.test(s))).toEqual([]);
  });
});
