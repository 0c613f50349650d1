import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { contentText } from '../../hail/content.js';
import { validateSession } from '../../hail/validate.js';
import { readFirstBytes } from '../shared/sniff.js';
import { ampParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/amp/', import.meta.url));
const FIXTURE = fileURLToPath(
  new URL('../../../test/fixtures/amp/T-0000aaaa-1111-4222-8333-444455556666.json', import.meta.url),
);
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json'));

// biome-ignore lint/suspicious/noExplicitAny: raw corpus JSON, read without a schema to check the parser independently
type Raw = Record<string, any>;

/** What a thread should yield, read straight from the file. */
function expected(thread: Raw) {
  const blocks = thread.messages.flatMap((m: Raw) => m.content.map((b: Raw) => ({ ...b, role: m.role })));
  const events = blocks.filter(
    (b: Raw) =>
      (b.type === 'text' && b.text.trim()) ||
      (b.type === 'thinking' && b.thinking.trim()) ||
      b.type === 'tool_use' ||
      b.type === 'tool_result',
  ).length;
  const usage = thread.messages.filter((m: Raw) => m.usage).map((m: Raw) => m.usage);
  const sum = (k: string) => usage.reduce((n: number, u: Raw) => n + (u[k] ?? 0), 0);
  const firstUser = thread.messages
    .find((m: Raw) => m.role === 'user')
    .content.find((b: Raw) => b.type === 'text').text;
  return {
    events,
    firstUser,
    model: usage[0]?.model,
    input: sum('inputTokens'),
    output: sum('outputTokens'),
    cacheRead: sum('cacheReadInputTokens'),
    cacheCreation: sum('cacheCreationInputTokens'),
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'amp-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('amp corpus threads', () => {
  for (const f of files) {
    const path = join(CORPUS, f);
    const thread: Raw = JSON.parse(readFileSync(path, 'utf8'));

    it(`${f}: detected, one valid session with the thread's own id, title, model and usage`, async () => {
      expect(ampParser.canParse(path, await readFirstBytes(path))).toBe(true);
      const r = await ampParser.parse(path);
      expect(r.warnings).toEqual([]);
      expect(r.sessions).toHaveLength(1);
      const s = r.sessions[0]!;
      const want = expected(thread);
      expect(validateSession(s)).toEqual([]);
      expect(s.session_id).toBe(thread.id);
      expect(s.context.title).toBe(thread.title);
      expect(s.events).toHaveLength(want.events);
      expect(contentText(s.events.find((e) => e.event_type.type === 'UserMessage')!.content)).toBe(want.firstUser);
      expect(s.agent).toMatchObject({ tool: 'amp', model: want.model, provider: 'anthropic' });
      expect(s.stats).toMatchObject({
        total_input_tokens: want.input,
        total_output_tokens: want.output,
        total_cache_read_tokens: want.cacheRead,
        total_cache_creation_tokens: want.cacheCreation,
      });
      expect(s.context.created_at).toBe(new Date(thread.created).toISOString());
      const repo = thread.env.initial.trees[0].repository;
      expect(s.context.attributes).toMatchObject({ git: { commit: repo.sha, repo_url: repo.url } });
    });

    if (thread.usageLedger) {
      it(`${f}: counts each reply once, agreeing with the usageLedger's inference totals`, async () => {
        const s = (await ampParser.parse(path)).sessions[0]!;
        const inference = thread.usageLedger.events.filter((e: Raw) => e.operationType === 'inference');
        const ledgerIn = inference.reduce((n: number, e: Raw) => n + e.tokens.input, 0);
        const ledgerOut = inference.reduce((n: number, e: Raw) => n + e.tokens.output, 0);
        expect(s.stats.total_input_tokens).toBe(ledgerIn);
        expect(s.stats.total_output_tokens).toBe(ledgerOut);
        // Replies without their own time take the ledger's.
        const last = inference.at(-1);
        const reply = s.events.filter((e) => e.event_id.startsWith(`${last.toMessageId}.`))[0]!;
        expect(reply.timestamp).toBe(last.timestamp);
      });
    }

    it(`${f}: survives truncations, bit flips and shuffles`, async () => {
      const p = join(dir, `T-${f}`);
      for (const m of mutations(readFileSync(path), { seed: 11, count: 50 })) {
        writeFileSync(p, m.data);
        const r = await ampParser.parse(p);
        for (const s of r.sessions) expect(s.events.length).toBeGreaterThan(0);
      }
    });
  }

  it('keeps the complete messages of a thread cut mid-write', async () => {
    const src = readFileSync(join(CORPUS, files[0]!));
    const p = join(dir, 'T-cut.json');
    writeFileSync(p, src.subarray(0, Math.floor(src.length * 0.4)));
    const r = await ampParser.parse(p);
    expect(r.warnings.map((w) => w.kind)).toEqual(['truncated']);
    expect(r.sessions[0]!.events.length).toBeGreaterThan(0);
  });
});

describe('amp: tool shapes the corpus lacks (hand-made thread)', () => {
  it('classifies edits, creates, globs and Bash, with exit codes, rejections and errors', async () => {
    const r = await ampParser.parse(FIXTURE);
    expect(r.warnings).toEqual([]);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.events.map((e) => e.event_type)).toEqual([
      { type: 'UserMessage' },
      { type: 'AgentMessage' },
      { type: 'FileSearch', data: { pattern: 'src/**/*.ts' } },
      {
        type: 'FileEdit',
        data: { path: '/w/src/greet.ts', diff: expect.stringContaining('+export function hello()') },
      },
      { type: 'FileCreate', data: { path: '/w/src/index.ts' } },
      { type: 'ToolResult', data: { name: 'glob', is_error: false, call_id: 'tu_glob' } },
      { type: 'ToolResult', data: { name: 'edit_file', is_error: false, call_id: 'tu_edit' } },
      { type: 'ToolResult', data: { name: 'create_file', is_error: true, call_id: 'tu_new' } },
      { type: 'ShellCommand', data: { command: 'npm test', exit_code: 1 } },
      { type: 'ToolResult', data: { name: 'Bash', is_error: true, call_id: 'tu_bash' } },
      { type: 'Custom', data: { kind: 'amp.hologram' } },
      { type: 'SystemMessage' },
    ]);
    expect(s.events[0]!.content.blocks.map((b) => b.type)).toEqual(['Text', 'Image']);
    expect(s.events[7]!.attributes).toEqual({ status: 'rejected-by-user' });
    expect(s.events[11]!.attributes).toEqual({ error: true });
    // A reply of tool calls only carries its usage on its last event.
    expect(s.events[8]!.attributes).toMatchObject({ input_tokens: 20, output_tokens: 15, model: 'claude-sonnet-4-5' });
    expect(s.stats).toMatchObject({
      total_input_tokens: 120,
      total_output_tokens: 55,
      files_changed: 2,
      lines_added: 1,
      lines_removed: 1,
    });
    expect(s.agent.tool_version).toBe('0.0.1760000000-gabc');
    expect(s.context.attributes).toEqual({ cwd: '/w' });
    expect(s.events.every((e) => e.timestamp === '2025-10-09T08:53:21.000Z')).toBe(true);
  });
});

describe('amp: discovery and sniffing', () => {
  it('finds T-*.json in $XDG_DATA_HOME/amp/threads and the legacy VS Code store', async () => {
    const home = join(dir, 'home');
    const xdg = join(dir, 'xdg');
    const threads = join(xdg, 'amp', 'threads');
    const legacy = join(home, '.config', 'Code', 'User', 'globalStorage', 'sourcegraph.amp', 'threads3');
    for (const d of [threads, legacy]) mkdirSync(d, { recursive: true });
    copyFileSync(FIXTURE, join(threads, 'T-0000aaaa-1111-4222-8333-444455556666.json'));
    copyFileSync(FIXTURE, join(legacy, 'T-legacy.json'));
    writeFileSync(join(threads, 'settings.json'), '{}');
    const found = await ampParser.discover({ home, env: { XDG_DATA_HOME: xdg } });
    expect(found.map((f) => f.path).sort()).toEqual(
      [join(legacy, 'T-legacy.json'), join(threads, 'T-0000aaaa-1111-4222-8333-444455556666.json')].sort(),
    );
    expect(found.every((f) => f.tool === 'amp')).toBe(true);
  });

  it('claims threads by location or name plus content, and nothing else', () => {
    const sniff = (p: string, t: string) => ampParser.canParse(p, Buffer.from(t));
    expect(sniff('/h/.local/share/amp/threads/T-1.json', '{"v":3,"id":"T-1","messages":[]}')).toBe(true);
    expect(sniff('/h/.local/share/amp/threads/T-1.json', '[{"role":"user"}]')).toBe(false);
    expect(sniff('/h/.gemini/tmp/x/chats/session-1.json', '{"sessionId":"s","messages":[]}')).toBe(false);
    expect(sniff('/h/T-2.json', '{"v":1,"messages":[]}')).toBe(true);
  });

  it('reports an empty, a binary and a missing thread without throwing', async () => {
    const empty = join(dir, 'T-empty.json');
    writeFileSync(empty, '');
    expect((await ampParser.parse(empty)).warnings.map((w) => w.kind)).toEqual(['empty']);
    const bin = join(dir, 'T-bin.json');
    writeFileSync(bin, Buffer.from([0x7b, 0, 0xff]));
    expect((await ampParser.parse(bin)).warnings.map((w) => w.kind)).toEqual(['binary']);
    expect((await ampParser.parse(join(dir, 'T-missing.json'))).warnings[0]?.kind).toBe('unreadable');
  });
});
