import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeCodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/claude-code/', import.meta.url));
const SOURCE = join(CORPUS, 'v2.0.65-thinking-file-history.jsonl');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cc-bad-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = () => readFileSync(SOURCE, 'utf8').trimEnd().split('\n');
const write = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('bad input never throws', () => {
  it('skips a corrupt line with a bad-line warning naming it, and keeps the rest', async () => {
    const ls = lines();
    ls.splice(5, 0, '{"type":"user","message":{"role":'); // line 6
    const r = await claudeCodeParser.parse(write('s.jsonl', `${ls.join('\n')}\n`));
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'bad-line', line: 6, file: join(dir, 's.jsonl') })]);
    expect(r.sessions[0]?.events).toHaveLength(23);
  });

  it('keeps an unknown line type as a Custom event and warns once per type', async () => {
    const ls = lines();
    const unknown = '{"type":"brand-new","uuid":"n1","timestamp":"2025-12-10T18:00:00.000Z","x":1}';
    ls.push(unknown, unknown.replace('n1', 'n2'));
    const r = await claudeCodeParser.parse(write('s.jsonl', `${ls.join('\n')}\n`));
    const custom = r.sessions[0]?.events.filter((e) => e.event_type.type === 'Custom') ?? [];
    expect(custom.map((e) => e.event_type)).toEqual([
      { type: 'Custom', data: { kind: 'brand-new' } },
      { type: 'Custom', data: { kind: 'brand-new' } },
    ]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['unknown-shape']);
  });

  it('parses a file being written up to its last complete line', async () => {
    const ls = lines();
    const text = `${ls.slice(0, 10).join('\n')}\n${(ls[10] as string).slice(0, 40)}`;
    const path = write('s.jsonl', text);
    const r = await claudeCodeParser.parse(path);
    expect(r.warnings.map((w) => w.kind)).toEqual(['truncated']);
    expect(r.offset).toBe(Buffer.byteLength(`${ls.slice(0, 10).join('\n')}\n`));
    expect(r.sessions).toHaveLength(1);
  });

  it('reports an empty file as empty', async () => {
    const r = await claudeCodeParser.parse(write('s.jsonl', ''));
    expect(r.sessions).toEqual([]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['empty']);
  });

  it('reports a binary file renamed .jsonl as binary', async () => {
    const r = await claudeCodeParser.parse(
      write('s.jsonl', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a])),
    );
    expect(r.sessions).toEqual([]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['binary']);
  });

  it('reports missing, directory and unreadable paths as unreadable', async () => {
    expect((await claudeCodeParser.parse(join(dir, 'missing.jsonl'))).warnings.map((w) => w.kind)).toEqual([
      'unreadable',
    ]);
    mkdirSync(join(dir, 'd.jsonl'));
    expect((await claudeCodeParser.parse(join(dir, 'd.jsonl'))).warnings.map((w) => w.kind)).toEqual(['unreadable']);
    const locked = join(dir, 'locked.jsonl');
    copyFileSync(SOURCE, locked);
    chmodSync(locked, 0o000);
    const r = await claudeCodeParser.parse(locked);
    // Root reads anything: then the file simply parses.
    if (process.getuid?.() !== 0) expect(r.warnings.map((w) => w.kind)).toContain('unreadable');
    expect(Array.isArray(r.sessions)).toBe(true);
  });

  it('caps bad-line warnings on a file of garbage', async () => {
    const r = await claudeCodeParser.parse(write('s.jsonl', 'garbage\n'.repeat(500)));
    expect(r.sessions).toEqual([]);
    expect(r.warnings.filter((w) => w.kind === 'bad-line').length).toBeLessThanOrEqual(51);
    expect(r.warnings.at(-2)?.reason).toMatch(/450 more lines/);
  });

  it('turns lines that are JSON but not objects, and records without a message, into warnings or Custom events', async () => {
    const text = [
      '[1,2]',
      '"text"',
      '{"type":"user","uuid":"u1","timestamp":"2026-01-01T00:00:00.000Z"}',
      '{"type":"assistant","uuid":"a1","timestamp":"2026-01-01T00:00:01.000Z","message":{"content":"plain string reply"}}',
    ].join('\n');
    const r = await claudeCodeParser.parse(write('s.jsonl', `${text}\n`));
    expect(r.warnings.filter((w) => w.kind === 'bad-line').map((w) => w.line)).toEqual([1, 2]);
    expect(r.sessions[0]?.events.map((e) => e.event_type.type)).toEqual(['Custom', 'AgentMessage']);
  });
});
