import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { cursorParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/cursor/', import.meta.url));
const NESTED = fileURLToPath(
  new URL(
    '../../../test/fixtures/cursor/projects/Users-dev-app/agent-transcripts/5e12d300-aaaa-4bbb-8ccc-000000000001/5e12d300-aaaa-4bbb-8ccc-000000000001.jsonl',
    import.meta.url,
  ),
);
const dir = mkdtempSync(join(tmpdir(), 'cursor-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function survives(source: string, name: string, seed: number): Promise<void> {
  const target = join(dir, 'agent-transcripts', name);
  mkdirSync(join(dir, 'agent-transcripts'), { recursive: true });
  copyFileSync(source, target);
  for (const m of mutations(await readFile(source), { seed, count: 50 })) {
    writeFileSync(target, m.data);
    const r = await cursorParser.parse(target);
    expect(Array.isArray(r.sessions)).toBe(true);
    expect(r.warnings.every((w) => !w.reason.startsWith('parser error'))).toBe(true);
  }
}

describe('fuzz: truncations, bit flips, line shuffles never throw', () => {
  it(
    'workspace state.vscdb',
    () => survives(join(CORPUS, 'workspace-aichat-composer.state.vscdb'), 'w.vscdb', 31),
    120_000,
  );
  it(
    'global state.vscdb',
    () => survives(join(CORPUS, 'global-cursorDiskKV-no-bubbles.state.vscdb'), 'g.vscdb', 32),
    60_000,
  );
  it(
    'agent transcript (corpus)',
    () => survives(join(CORPUS, 'agent-transcript-fixture-hbo.jsonl'), 'hbo.jsonl', 33),
    60_000,
  );
  it('agent transcript (nested fixture)', () => survives(NESTED, 'nested.jsonl', 34), 60_000);
});
