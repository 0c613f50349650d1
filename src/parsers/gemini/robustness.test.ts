import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { validateSession } from '../../hail/validate.js';
import { geminiParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/gemini-cli/', import.meta.url));
const PROJECT = fileURLToPath(new URL('../../../test/fixtures/gemini/home/.gemini/tmp/demo-project/', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemini-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: Buffer | string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, data);
  return p;
}

describe('gemini: bad input never throws', () => {
  it('reports empty, binary and missing files', async () => {
    expect((await geminiParser.parse(write('session-empty.json', ''))).warnings[0]?.kind).toBe('empty');
    expect((await geminiParser.parse(write('session-empty.jsonl', ''))).warnings[0]?.kind).toBe('empty');
    const bin = write('session-bin.jsonl', Buffer.from([0x7b, 0, 0xff, 0x0a]));
    expect((await geminiParser.parse(bin)).warnings[0]?.kind).toBe('binary');
    expect((await geminiParser.parse(join(dir, 'nope.json'))).warnings[0]?.kind).toBe('unreadable');
  });

  it('keeps the complete messages of a chat file cut short', async () => {
    const src = readFileSync(join(CORPUS, '2025-11-session-toolcalls-13.json'), 'utf8');
    const r = await geminiParser.parse(write('session-cut.json', src.slice(0, src.length >> 1)));
    expect(r.warnings[0]?.kind).toBe('truncated');
    expect(r.sessions[0]!.events.length).toBeGreaterThan(5);
    expect(validateSession(r.sessions[0]!)).toEqual([]);
  });

  const files = [
    ...readdirSync(CORPUS).map((f) => join(CORPUS, f)),
    join(PROJECT, 'chats/session-2026-01-05T10-00-abcd1234.jsonl'),
    join(PROJECT, 'checkpoint-mytag.json'),
    join(PROJECT, 'logs.json'),
  ];
  for (const f of files) {
    const name = f.split('/').pop()!;
    it(`survives 50 seeded mutations of ${name}`, async () => {
      let i = 0;
      for (const m of mutations(readFileSync(f), { seed: 11, count: 50 })) {
        const p = write(`m${i++}/${name}`, m.data);
        const r = await geminiParser.parse(p);
        for (const s of r.sessions) expect(validateSession(s), `${m.kind} #${i}`).toEqual([]);
      }
    }, 60_000);
  }
});
