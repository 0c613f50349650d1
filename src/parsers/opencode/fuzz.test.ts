import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { opencodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/opencode/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/opencode/current-layout/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'oc-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each mutated copy replaces the file inside a copied tree, so the layout around it stays real. */
async function survives(tree: string, rel: string, seed: number): Promise<void> {
  const root = join(dir, `t${seed}`);
  cpSync(tree, root, { recursive: true });
  const target = join(root, rel);
  for (const m of mutations(await readFile(target), { seed, count: 50 })) {
    writeFileSync(target, m.data);
    const r = await opencodeParser.parse(target);
    expect(Array.isArray(r.sessions)).toBe(true);
    expect(r.warnings.every((w) => !w.reason.startsWith('parser error'))).toBe(true);
  }
}

describe('fuzz: truncations, bit flips, line shuffles never throw', () => {
  it('opencode.db', async () => {
    await survives(CORPUS, 'sqlite-opencode-1.17-3-sessions.db', 11);
  }, 120_000);

  it('legacy session, message and part files', async () => {
    const base = 'legacy-0.5.28-project-storage/project/global/storage/session';
    await survives(CORPUS, `${base}/info/ses_4343439b2ffe8vCbtGr04gHePJ.json`, 12);
    const tree = join(dir, 'legacy-msg');
    cpSync(CORPUS, tree, { recursive: true });
    const msg = join(tree, base, 'message/ses_4343439b2ffe8vCbtGr04gHePJ/msg_bcbcbc6b70019j9VaJ5mTpWZzS.json');
    for (const m of mutations(await readFile(msg), { seed: 13, count: 50 })) {
      writeFileSync(msg, m.data);
      await expect(
        opencodeParser.parse(join(tree, base, 'info/ses_4343439b2ffe8vCbtGr04gHePJ.json')),
      ).resolves.toBeDefined();
    }
  }, 60_000);

  it('current-layout session and part files', async () => {
    await survives(FIXTURE, 'storage/session/proj_abc/ses_fx01main.json', 14);
    await survives(FIXTURE, 'storage/part/msg_a002/prt_a002f.json', 15);
  }, 60_000);
});
