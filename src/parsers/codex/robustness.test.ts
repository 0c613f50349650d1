import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { contentText } from '../../hail/content.js';
import { validateSession } from '../../hail/validate.js';
import { codexParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/codex/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/codex/', import.meta.url));
const FIXTURE = join(FIXTURES, 'rollout-2026-01-02T03-04-05-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl');
const EVENTS_ONLY = join(FIXTURES, 'rollout-2026-01-02T03-04-05-0199aaaa-bbbb-7ccc-8ddd-ffffffffffff.jsonl');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'codex-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('codex: shapes the corpus lacks (hand-made fixture)', () => {
  it('reads web searches, local shell, compaction, errors, images and unknown kinds', async () => {
    const r = await codexParser.parse(FIXTURE);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.events.map((e) => e.event_type)).toEqual([
      { type: 'UserMessage' },
      { type: 'WebSearch', data: { query: 'codex release notes' } },
      { type: 'WebFetch', data: { url: 'https://example.com/notes' } },
      { type: 'ShellCommand', data: { command: 'cat NOTES.md', exit_code: 1 } },
      { type: 'ToolResult', data: { name: 'local_shell', is_error: true, call_id: 'codex-7-0' } },
      { type: 'Custom', data: { kind: 'future_item' } },
      { type: 'Custom', data: { kind: 'future_event' } },
      { type: 'Custom', data: { kind: 'error' } },
      { type: 'SystemMessage' },
      { type: 'AgentMessage' },
    ]);
    expect(s.events[0]!.content.blocks.map((b) => b.type)).toEqual(['Text', 'Image']);
    expect(s.events[4]!.duration_ms).toBe(250);
    expect(contentText(s.events[8]!.content)).toBe('Summary of the work so far.');
    // The repeated token_count is skipped; input excludes cached input.
    expect(s.stats).toMatchObject({ total_input_tokens: 600, total_output_tokens: 80, total_cache_read_tokens: 1600 });
    expect(s.context.attributes).toMatchObject({ cwd: '/home/dev/proj', git: { commit: 'abc123', branch: 'feature' } });
    expect(r.warnings.map((w) => [w.kind, w.line])).toEqual([
      ['bad-line', 11],
      ['unknown-shape', 12],
      ['unknown-shape', 13],
      ['truncated', 19],
    ]);
    expect(r.offset).toBe(readFileSync(FIXTURE).lastIndexOf(0x0a) + 1);
  });

  it('falls back to event_msg lines when a rollout has no response items', async () => {
    const s = (await codexParser.parse(EVENTS_ONLY)).sessions[0]!;
    expect(s.events.map((e) => e.event_type.type)).toEqual(['UserMessage', 'Thinking', 'AgentMessage']);
    expect(s.agent.model).toBe('gpt-5');
    // Only total_token_usage: the difference of totals is the usage.
    expect(s.events[2]!.attributes).toMatchObject({ input_tokens: 100, output_tokens: 5, model: 'gpt-5' });
  });
});

describe('codex: bad input never throws', () => {
  const write = (name: string, data: Buffer | string) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };

  it('reports an empty file, a binary file and a missing file', async () => {
    expect((await codexParser.parse(write('rollout-empty.jsonl', ''))).warnings[0]?.kind).toBe('empty');
    const bin = write('rollout-bin.jsonl', Buffer.from([0x7b, 0x00, 0xff, 0x10, 0x0a]));
    expect((await codexParser.parse(bin)).warnings[0]?.kind).toBe('binary');
    expect((await codexParser.parse(join(dir, 'missing.jsonl'))).warnings[0]?.kind).toBe('unreadable');
  });

  it('reports an unreadable file', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const p = write('rollout-locked.jsonl', '{}\n');
    chmodSync(p, 0);
    expect((await codexParser.parse(p)).warnings[0]?.kind).toBe('unreadable');
  });

  it('keeps the complete part of a truncated legacy JSON rollout', async () => {
    const src = readFileSync(join(CORPUS, 'legacy-json-2025-08-rollout-with-tools.json'), 'utf8');
    const p = write('rollout-cut.json', src.slice(0, Math.floor(src.length * 0.6)));
    const r = await codexParser.parse(p);
    expect(r.warnings[0]?.kind).toBe('truncated');
    expect(r.sessions[0]!.events.length).toBeGreaterThan(0);
  });

  const files = [...readdirSync(CORPUS).map((f) => join(CORPUS, f)), FIXTURE, EVENTS_ONLY];
  for (const f of files) {
    it(`survives 50 seeded mutations of ${f.split('/').pop()}`, async () => {
      const ext = f.endsWith('.json') ? 'json' : 'jsonl';
      let i = 0;
      for (const m of mutations(readFileSync(f), { seed: 7, count: 50 })) {
        const p = write(`rollout-m${i++}.${ext}`, m.data);
        const r = await codexParser.parse(p);
        for (const s of r.sessions) expect(validateSession(s), `${m.kind} #${i}`).toEqual([]);
      }
    }, 60_000);
  }
});
