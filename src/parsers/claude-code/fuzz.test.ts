import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { SessionSchema } from '../../hail/session.js';
import { claudeCodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/claude-code/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/claude-code/', import.meta.url));

function transcripts(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? transcripts(p) : p.endsWith('.jsonl') ? [p] : [];
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cc-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzzed transcripts (truncations, bit flips, shuffled and repeated lines)', () => {
  const files = [...transcripts(CORPUS), ...transcripts(FIXTURES)];
  files.forEach((src, i) => {
    it(`never throws on mutations of ${basename(src)}`, async () => {
      const cases = mutations(readFileSync(src), { seed: 1000 + i, count: 48 });
      for (const [n, m] of cases.entries()) {
        const path = join(dir, `${i}-${n}-${basename(src)}`);
        writeFileSync(path, m.data);
        const r = await claudeCodeParser.parse(path);
        // Caught bugs (the last-resort guards) would show up as these warnings.
        const bugs = r.warnings.filter((w) => /parser error|could not be read/.test(w.reason));
        expect(bugs, `${m.kind} #${n}`).toEqual([]);
        for (const s of r.sessions) expect(SessionSchema.safeParse(s).success, `${m.kind} #${n}`).toBe(true);
        // The resume state must survive a round trip through JSON, whatever the input.
        if (r.resume) expect(JSON.parse(JSON.stringify(r.resume))).toEqual(r.resume);
        rmSync(path);
      }
    });
  });
});
