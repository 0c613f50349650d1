import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { gooseParser } from './index.js';

const DB = fileURLToPath(
  new URL('../../../../shared/corpus/goose/sessions-db-1-session-0-messages.sqlite', import.meta.url),
);
const JSONL = fileURLToPath(
  new URL('../../../test/fixtures/goose/legacy-session-20250305_101500.jsonl', import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), 'goose-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function survives(source: string, name: string, seed: number): Promise<void> {
  const target = join(dir, 'goose', name);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'goose'), { recursive: true });
  copyFileSync(source, target);
  for (const m of mutations(await readFile(source), { seed, count: 50 })) {
    writeFileSync(target, m.data);
    const r = await gooseParser.parse(target);
    expect(Array.isArray(r.sessions)).toBe(true);
    expect(r.warnings.every((w) => !w.reason.startsWith('parser error'))).toBe(true);
  }
}

describe('fuzz: truncations, bit flips, line shuffles never throw', () => {
  it('sessions.db (corpus)', () => survives(DB, 'sessions.db', 21), 60_000);
  it('legacy session JSONL', () => survives(JSONL, '20250305_101500.jsonl', 22), 60_000);
});
