import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { firstUserText } from '../shared/session-builder.js';
import { cursorParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/cursor/', import.meta.url));
const WORKSPACE_DB = join(CORPUS, 'workspace-aichat-composer.state.vscdb');
const GLOBAL_DB = join(CORPUS, 'global-cursorDiskKV-no-bubbles.state.vscdb');
const TRANSCRIPT = join(CORPUS, 'agent-transcript-fixture-hbo.jsonl');
const NESTED = fileURLToPath(
  new URL(
    '../../../test/fixtures/cursor/projects/Users-dev-app/agent-transcripts/5e12d300-aaaa-4bbb-8ccc-000000000001/5e12d300-aaaa-4bbb-8ccc-000000000001.jsonl',
    import.meta.url,
  ),
);

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cursor-test-'));
  temps.push(d);
  return d;
};
const byId = (sessions: Session[], id: string): Session => {
  const s = sessions.find((x) => x.session_id === id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
};
const text = (s: Session | undefined, id: string) =>
  contentText(s?.events.find((e) => e.event_id === id)?.content ?? { blocks: [] });

describe('workspace state.vscdb (real corpus: chat panel + inline composers)', () => {
  it('returns every composer and every chat tab, not just the newest', async () => {
    const r = await cursorParser.parse(WORKSPACE_DB);
    expect(r.warnings).toEqual([]);
    // composer.composerData.allComposers: 26 composers; aichat chatdata: 5 tabs
    expect(r.sessions).toHaveLength(31);
    for (const s of r.sessions) expect(validateSession(s)).toEqual([]);
    // 82 composer bubbles (all with text) + 44 non-empty chat bubbles (5 trailing empty drafts skipped)
    expect(r.sessions.reduce((n, s) => n + s.events.length, 0)).toBe(126);
  });

  it('maps a chat tab: title, model, turns', async () => {
    const s = byId((await cursorParser.parse(WORKSPACE_DB)).sessions, '2aa483d1-573c-4039-ae4e-7415e28d2605');
    expect(s.context.title).toBe('Ionic App Sidebar Customization Guide');
    expect(s.agent).toMatchObject({ tool: 'cursor', model: 'claude-3.5-sonnet', provider: 'anthropic' });
    expect(s.stats.user_message_count).toBe(16);
    expect(s.stats.message_count).toBe(32);
    expect(firstUserText(s.events)).toMatch(/^We are building an ionic app for android/);
    expect(s.context.attributes).toMatchObject({ source: 'chat' });
  });

  it('maps an inline composer in store order', async () => {
    const s = byId((await cursorParser.parse(WORKSPACE_DB)).sessions, 'a76419da-5045-4dcb-a1d4-307eab526a30');
    expect(s.context.title).toBe('create settings page that enables to enter OpenAI API key,');
    expect(s.events).toHaveLength(14);
    expect(s.events.map((e) => e.event_type.type)).toEqual(Array(7).fill(['UserMessage', 'AgentMessage']).flat());
    expect(firstUserText(s.events)).toBe(
      'create settings page that enables to enter OpenAI API key, and switch from light to dark mode',
    );
    expect(s.agent.model).toBe('unknown');
  });

  it('takes cwd from the workspace.json beside a workspaceStorage database', async () => {
    const dir = tempDir();
    copyFileSync(WORKSPACE_DB, join(dir, 'state.vscdb'));
    writeFileSync(join(dir, 'workspace.json'), JSON.stringify({ folder: 'file:///home/dev/mobile%20chat' }));
    const r = await cursorParser.parse(join(dir, 'state.vscdb'));
    expect(r.sessions.every((s) => s.context.attributes?.cwd === '/home/dev/mobile chat')).toBe(true);
  });

  it('reads a database locked by a running Cursor through a temporary copy', async () => {
    const dir = tempDir();
    const db = join(dir, 'state.vscdb');
    copyFileSync(WORKSPACE_DB, db);
    const writer = new Database(db);
    writer.exec('BEGIN EXCLUSIVE');
    try {
      const r = await cursorParser.parse(db);
      expect(r.sessions).toHaveLength(31);
      expect(r.warnings).toEqual([
        expect.objectContaining({ kind: 'unreadable', reason: expect.stringMatching(/locked/) }),
      ]);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});

describe('global state.vscdb (real corpus: cursorDiskKV composers)', () => {
  it('keeps the one composer with content and reports the 3 empty ones', async () => {
    const r = await cursorParser.parse(GLOBAL_DB);
    expect(r.sessions.map((s) => s.session_id)).toEqual(['4fc3bba6-9d10-448c-b213-45cca6daaf3f']);
    expect(r.warnings.map((w) => w.kind)).toEqual(['empty', 'empty', 'empty']);
    const s = r.sessions[0] as Session;
    expect(validateSession(s)).toEqual([]);
    expect(s.context.title).toBe('HTML File Assistance and Support');
    expect(s.context.attributes).toMatchObject({ source: 'composer', is_agentic: true });
    // 20 bubbles: 5 user texts, 9 replies with text, 6 empty capability bubbles
    expect(s.events).toHaveLength(14);
    expect(s.stats.user_message_count).toBe(5);
    expect(firstUserText(s.events)).toBe('hello');
    // replies carry timingInfo.clientStartTime (ms); user bubbles are placed just before them
    const reply = s.events.find((e) => e.event_id === '8e49d3d9-5806-4eee-a4f1-694f972f36f5');
    expect(reply?.timestamp).toBe(new Date(1733428917005).toISOString());
    expect(s.events[0]?.timestamp).toBe(new Date(1733428917004).toISOString());
    expect(s.stats.duration_seconds).toBe(Math.floor((1733431737137 - 1733428917004) / 1000));
  });
});

/** A global database in the current layout: composer headers plus one bubbleId row per message. */
function bubbleDb(path: string): void {
  const db = new Database(path);
  db.exec('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  db.exec('CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
  const put = db.prepare('INSERT INTO cursorDiskKV (key, value) VALUES (?, ?)');
  const headers = ['b1', 'b2', 'b3', 'b4', 'b5'].map((bubbleId, i) => ({ bubbleId, type: i === 0 || i === 3 ? 1 : 2 }));
  put.run(
    'composerData:c1',
    JSON.stringify({
      _v: 3,
      composerId: 'c1',
      name: 'Fix the build',
      createdAt: 1750000000000,
      isAgentic: true,
      fullConversationHeadersOnly: headers,
      modelConfig: { modelName: 'claude-4-sonnet' },
    }),
  );
  const bubble = (id: string, o: object) => put.run(`bubbleId:c1:${id}`, JSON.stringify({ _v: 2, bubbleId: id, ...o }));
  bubble('b1', { type: 1, text: 'The build fails, fix it', createdAt: '2025-06-15T15:06:41.000Z' });
  bubble('b2', {
    type: 2,
    text: '',
    thinking: { text: 'Check the compiler output.', signature: 'sig' },
    toolFormerData: {
      tool: 15,
      status: 'completed',
      rawArgs: JSON.stringify({ command: 'npm run build' }),
      result: JSON.stringify({ output: 'error TS2304', exitCodeV2: 2 }),
    },
    timingInfo: { clientStartTime: 1750000002000, clientEndTime: 1750000004000 },
    modelInfo: { modelName: 'claude-4-sonnet-thinking' },
  });
  bubble('b3', {
    type: 2,
    text: 'Renamed the missing import.',
    toolFormerData: {
      name: 'edit_file',
      status: 'completed',
      rawArgs: JSON.stringify({ target_file: 'src/a.ts', code_edit: 'import { b } from "./b";' }),
      result: '{"diff":{"chunks":[]},"isApplied":true}',
    },
    timingInfo: { clientStartTime: 1750000005000 },
    tokenCount: { inputTokens: 1200, outputTokens: 80 },
  });
  bubble('b4', { type: 1, text: 'Thanks', createdAt: 1750000010000 });
  bubble('b5', {
    type: 2,
    text: '',
    toolFormerData: { name: 'read_file', status: 'error', rawArgs: '{"target_file":"missing.ts"}' },
    timingInfo: { clientStartTime: 1750000011000 },
  });
  // headers whose bubbles were never written (or were cleaned up): legitimately empty
  put.run(
    'composerData:c2',
    JSON.stringify({
      _v: 3,
      composerId: 'c2',
      createdAt: 1750000100000,
      fullConversationHeadersOnly: [{ bubbleId: 'x', type: 1 }],
    }),
  );
  put.run('bubbleId:c3:zz', JSON.stringify({ type: 1, text: 'orphan bubble of an unknown composer' }));
  put.run('composerData:broken', JSON.stringify({ name: 'no composerId' }));
  db.close();
}

describe('global state.vscdb with bubbleId rows (hand-made)', () => {
  async function parsed() {
    const path = join(tempDir(), 'state.vscdb');
    bubbleDb(path);
    return cursorParser.parse(path);
  }

  it('reads bubbles from their own rows in header order', async () => {
    const r = await parsed();
    expect(r.sessions.map((s) => s.session_id)).toEqual(['c1']);
    expect(r.warnings.map((w) => w.kind).sort()).toEqual(['empty', 'unknown-shape']);
    const s = r.sessions[0] as Session;
    expect(validateSession(s)).toEqual([]);
    expect(s.events.map((e) => e.event_id)).toEqual([
      'b1',
      'b2-thinking',
      'b2-call',
      'b2-result',
      'b3',
      'b3-call',
      'b3-result',
      'b4',
      'b5-call',
      'b5-result',
    ]);
    expect(s.agent.model).toBe('claude-4-sonnet-thinking');
    expect(s.events.find((e) => e.event_id === 'b3')?.attributes).toMatchObject({
      model: 'claude-4-sonnet',
      input_tokens: 1200,
      output_tokens: 80,
    });
    expect(s.stats.total_input_tokens).toBe(1200);
  });

  it('classifies tools by id and by name, with results and failures', async () => {
    const s = (await parsed()).sessions[0] as Session;
    const ev = (id: string) => s.events.find((e) => e.event_id === id);
    expect(ev('b2-call')?.event_type).toEqual({ type: 'ShellCommand', data: { command: 'npm run build' } });
    expect(ev('b2-result')?.content.blocks).toEqual([{ type: 'Code', code: 'error TS2304', language: 'text' }]);
    expect(ev('b2-result')?.duration_ms).toBe(2000);
    expect(ev('b3-call')?.event_type).toEqual({ type: 'FileEdit', data: { path: 'src/a.ts' } });
    expect(text(s, 'b3-call')).toContain('import { b }');
    expect(ev('b5-result')?.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'read_file', is_error: true, call_id: 'b5-call' },
    });
    expect(ev('b1')?.timestamp).toBe('2025-06-15T15:06:41.000Z');
  });
});

describe('agent transcripts', () => {
  it('real corpus transcript: messages, tools, redacted thinking', async () => {
    const r = await cursorParser.parse(TRANSCRIPT);
    expect(r.warnings).toEqual([]);
    const s = r.sessions[0] as Session;
    expect(validateSession(s)).toEqual([]);
    expect(s.session_id).toBe('agent-transcript-fixture-hbo');
    // 11 lines: 1 user + 10 assistant (10 [REDACTED] markers, 3 texts, 10 tool_use blocks)
    expect(s.events).toHaveLength(24);
    expect(firstUserText(s.events)).toBe("Generate a file with all the HBO shows from the 90's in it");
    expect(s.events.filter((e) => e.event_type.type === 'Thinking')).toHaveLength(10);
    expect(s.events.filter((e) => e.event_type.type === 'WebSearch')).toHaveLength(4);
    expect(s.events.find((e) => e.event_type.type === 'FileCreate')?.event_type).toEqual({
      type: 'FileCreate',
      data: { path: '/Users/aidancunniffe/Desktop/testing-gitflows-git-ai/hbo-shows-1990s.txt' },
    });
    expect(s.agent.model).toBe('unknown');
    expect(s.context.attributes).toMatchObject({ source: 'agent-transcript', timestamps: 'estimated' });
  });

  it('nested layout: results matched by id, subagent folded in as a lane', async () => {
    const r = await cursorParser.parse(NESTED);
    expect(r.warnings).toEqual([]);
    const s = r.sessions[0] as Session;
    expect(validateSession(s)).toEqual([]);
    expect(s.session_id).toBe('5e12d300-aaaa-4bbb-8ccc-000000000001');
    expect(firstUserText(s.events)).toBe('Rename foo to bar in src/a.ts');
    expect(s.context.attributes?.project_slug).toBe('Users-dev-app');
    const ev = (id: string) => s.events.find((e) => e.event_id === id);
    expect(ev('l5:1')?.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'Shell', is_error: true, call_id: 'call_3' },
    });
    expect(ev('call_2')?.event_type.type).toBe('FileEdit');
    expect(ev('l8')?.event_type).toEqual({ type: 'Custom', data: { kind: 'cursor.checkpoint' } });
    const lane = s.events.filter((e) => e.task_id === 'sub-7f00');
    expect(lane.map((e) => e.event_id)).toEqual([
      'sub-7f00-start',
      'sub-7f00:l1',
      'sub-7f00:l2:0',
      'sub-7f00:l3:0',
      'sub-7f00:l4:0',
      'sub-7f00-end',
    ]);
    expect(ev('sub-7f00:l3:0')?.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'Grep', is_error: false, call_id: 'sub-7f00:l2:0' },
    });
    expect(s.stats.task_count).toBe(1);
  });

  it('reads up to the last complete line; reports empty and binary files', async () => {
    const dir = join(tempDir(), 'agent-transcripts');
    const { mkdirSync, readFileSync } = await import('node:fs');
    mkdirSync(dir);
    const full = readFileSync(TRANSCRIPT, 'utf8');
    const cut = full.indexOf('\n', full.indexOf('\n') + 1) + 40;
    writeFileSync(join(dir, 'a.jsonl'), full.slice(0, cut));
    const r = await cursorParser.parse(join(dir, 'a.jsonl'));
    expect(r.sessions[0]?.events.filter((e) => e.event_type.type !== 'UserMessage').length).toBe(4);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'truncated', line: 3 })]);
    writeFileSync(join(dir, 'b.jsonl'), '');
    expect((await cursorParser.parse(join(dir, 'b.jsonl'))).warnings[0]?.kind).toBe('empty');
    writeFileSync(join(dir, 'c.jsonl'), Buffer.from([1, 0, 2, 0]));
    expect((await cursorParser.parse(join(dir, 'c.jsonl'))).warnings[0]?.kind).toBe('binary');
  });
});
