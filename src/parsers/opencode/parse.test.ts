import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { firstUserText } from '../shared/session-builder.js';
import { opencodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/opencode/', import.meta.url));
const DB = join(CORPUS, 'sqlite-opencode-1.17-3-sessions.db');
const LEGACY = join(CORPUS, 'legacy-0.5.28-project-storage/project/global/storage/session/info');
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/opencode/current-layout/storage/', import.meta.url));

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'oc-test-'));
  temps.push(d);
  return d;
};

const byId = (sessions: Session[], id: string): Session => {
  const s = sessions.find((x) => x.session_id === id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
};
const count = (s: Session, kind: string) => s.events.filter((e) => e.event_type.type === kind).length;

describe('opencode.db (real corpus, OpenCode 1.17.3)', () => {
  // Expected values read from the database with SQL (see the queries in the test names'
  // comments): every session of the store, not just the newest.
  it('returns all 3 sessions, each valid, with no warnings', async () => {
    const r = await opencodeParser.parse(DB);
    expect(r.warnings).toEqual([]);
    expect(r.sessions.map((s) => s.session_id).sort()).toEqual([
      'ses_1278e1f37ffelIDlCdpXIGV74U',
      'ses_1279fce82ffeZOJhNwml1w1Fu4',
      'ses_12be9f828ffeaiYkWjPssYhKmB',
    ]);
    for (const s of r.sessions) expect(validateSession(s)).toEqual([]);
  });

  it('maps the long session: events, first message, model, tokens, cwd', async () => {
    const s = byId((await opencodeParser.parse(DB)).sessions, 'ses_12be9f828ffeaiYkWjPssYhKmB');
    // 11 user texts + 26 non-empty reply texts + 56 reasoning parts + 50 completed tools x (call + result)
    expect(s.events).toHaveLength(193);
    expect(count(s, 'UserMessage')).toBe(11);
    expect(count(s, 'AgentMessage')).toBe(26);
    expect(count(s, 'Thinking')).toBe(56);
    expect(count(s, 'ToolResult')).toBe(50);
    expect(count(s, 'FileEdit')).toBe(10);
    expect(count(s, 'FileRead')).toBe(16);
    expect(count(s, 'ShellCommand')).toBe(14);
    expect(firstUserText(s.events)).toBe('hi');
    expect(s.context.title).toBe('Greeting');
    expect(s.agent).toMatchObject({ tool: 'opencode', provider: 'opencode', model: 'deepseek-ai/deepseek-v4-flash' });
    expect(s.agent.tool_version).toBe('1.17.3-aiand.1');
    expect(s.context.attributes?.cwd).toBe('/home/build');
    // session.tokens_input / tokens_output of the row agree with the sum over assistant messages
    expect(s.stats.total_input_tokens).toBe(1818242);
    expect(s.stats.total_output_tokens).toBe(35083);
    expect(s.stats.total_cache_read_tokens).toBeUndefined();
  });

  it('uses the edit tool real diff and the bash exit code', async () => {
    const s = byId((await opencodeParser.parse(DB)).sessions, 'ses_12be9f828ffeaiYkWjPssYhKmB');
    const edit = s.events.find((e) => e.event_type.type === 'FileEdit');
    expect(edit?.event_type).toMatchObject({ data: { path: '/home/build/index.html' } });
    expect(edit?.event_type.type === 'FileEdit' && edit.event_type.data.diff).toContain(
      'Index: /home/build/index.html',
    );
    const shell = s.events.find((e) => e.event_type.type === 'ShellCommand');
    expect(shell?.event_type).toMatchObject({ data: { exit_code: 0 } });
    expect(s.stats.lines_added).toBeGreaterThan(0);
  });

  it('maps the two short sessions, synthetic user text and unfinished tools', async () => {
    const { sessions } = await opencodeParser.parse(DB);
    const flask = byId(sessions, 'ses_1279fce82ffeZOJhNwml1w1Fu4');
    // 2 user + 2 synthetic ("The following tool was executed by the user") + 1 text + 5 reasoning
    // + 9 completed tools x 2 + 1 running `question` tool (call only)
    expect(flask.events).toHaveLength(29);
    expect(count(flask, 'SystemMessage')).toBe(2);
    expect(flask.stats.total_input_tokens).toBe(33633);
    expect(flask.stats.total_output_tokens).toBe(2356);
    expect(firstUserText(flask.events)).toMatch(/^I have a static HTML portfolio website/);
    const git = byId(sessions, 'ses_1278e1f37ffelIDlCdpXIGV74U');
    // 2 user + 1 text + 5 reasoning + 8 completed tools x 2 + 1 pending bash (no input yet)
    expect(git.events).toHaveLength(25);
    expect(git.stats.total_input_tokens).toBe(29682);
    expect(git.stats.total_output_tokens).toBe(844);
    expect(git.agent.model).toBe('moonshotai/kimi-k2.6');
    const pending = git.events.find((e) => e.attributes?.status === 'pending');
    expect(pending?.event_type).toEqual({ type: 'ToolCall', data: { name: 'bash' } });
  });

  it('gives events stable ids across re-parses', async () => {
    const a = (await opencodeParser.parse(DB)).sessions.flatMap((s) => s.events.map((e) => e.event_id));
    const b = (await opencodeParser.parse(DB)).sessions.flatMap((s) => s.events.map((e) => e.event_id));
    expect(a).toEqual(b);
    // user turns are keyed by message id, reply parts by part id
    expect(a).toContain('msg_ed4160830001MEEcw6wH3sq20a');
    expect(a).toContain('prt_ed416101900139qVhiW91pkE6j');
  });

  it('folds child sessions into their parent as a subagent lane', async () => {
    const dir = tempDir();
    const db = join(dir, 'opencode.db');
    copyFileSync(DB, db);
    const w = new Database(db);
    w.prepare('UPDATE session SET parent_id = ? WHERE id = ?').run(
      'ses_12be9f828ffeaiYkWjPssYhKmB',
      'ses_1278e1f37ffelIDlCdpXIGV74U',
    );
    w.close();
    const { sessions } = await opencodeParser.parse(db);
    expect(sessions.map((s) => s.session_id).sort()).toEqual([
      'ses_1279fce82ffeZOJhNwml1w1Fu4',
      'ses_12be9f828ffeaiYkWjPssYhKmB',
    ]);
    const parent = byId(sessions, 'ses_12be9f828ffeaiYkWjPssYhKmB');
    const lane = parent.events.filter((e) => e.task_id === 'ses_1278e1f37ffelIDlCdpXIGV74U');
    expect(lane).toHaveLength(25 + 2);
    expect(lane[0]?.event_type).toEqual({ type: 'TaskStart', data: { title: 'Commit and push portfolio to GitHub' } });
    expect(lane.at(-1)?.event_type.type).toBe('TaskEnd');
    expect(parent.stats.task_count).toBe(1);
    expect(parent.stats.total_input_tokens).toBe(1818242 + 29682);
    expect(validateSession(parent)).toEqual([]);
  });
});

describe('legacy per-project layout (real corpus, OpenCode 0.5.28)', () => {
  it.each([
    ['ses_4343439b2ffe8vCbtGr04gHePJ', 'Explain surface codes in Quantum error correction'],
    ['ses_44234b4aeffe6EUGUjiyzSIEZV', 'How are you'],
  ])('%s: the question and the failed reply', async (id, question) => {
    const r = await opencodeParser.parse(join(LEGACY, `${id}.json`));
    expect(r.warnings).toEqual([]);
    expect(r.sessions).toHaveLength(1);
    const s = r.sessions[0] as Session;
    expect(s.session_id).toBe(id);
    expect(s.events).toHaveLength(2);
    expect(firstUserText(s.events)).toBe(question);
    // "New session - <time>" is OpenCode's placeholder, not a title
    expect(s.context.title).toBe(question);
    expect(s.agent).toMatchObject({ model: 'deepseek-reasoner', provider: 'deepseek', tool_version: '0.5.28' });
    const reply = s.events[1];
    expect(reply?.event_type.type).toBe('AgentMessage');
    expect(reply?.attributes?.error).toBe(true);
    expect(contentText(reply?.content ?? { blocks: [] })).toBe('UnknownError: AI_APICallError: Insufficient Balance');
    expect(s.stats.total_input_tokens).toBe(0);
    expect(validateSession(s)).toEqual([]);
  });
});

describe('current JSON layout (hand-made fixture)', () => {
  const main = join(FIXTURE, 'session/proj_abc/ses_fx01main.json');

  it('reads messages and parts from their own directories', async () => {
    const r = await opencodeParser.parse(main);
    expect(r.warnings).toEqual([]);
    const s = r.sessions[0] as Session;
    expect(s.session_id).toBe('ses_fx01main');
    expect(s.context.title).toBe('Fix the failing parser test');
    expect(firstUserText(s.events)).toBe('The parser test fails, please fix it');
    const user = s.events.find((e) => e.event_type.type === 'UserMessage');
    expect(user?.content.blocks).toContainEqual({ type: 'File', path: 'src/parser.ts' });
    expect(s.agent).toMatchObject({ model: 'claude-sonnet-4', provider: 'anthropic' });
    expect(validateSession(s)).toEqual([]);
  });

  it('counts step-finish usage only where the message has none (no double counting)', async () => {
    const s = (await opencodeParser.parse(main)).sessions[0] as Session;
    // msg_a002: steps (1000+1500 in, 50+10+70 out incl. reasoning, 300 read, 300 write); msg_a003: 400/20
    expect(s.stats.total_input_tokens).toBe(2900);
    expect(s.stats.total_output_tokens).toBe(150);
    expect(s.stats.total_cache_read_tokens).toBe(300);
    expect(s.stats.total_cache_creation_tokens).toBe(300);
  });

  it('maps tools: shell exit code, real diff, failed read, unknown part as Custom', async () => {
    const s = (await opencodeParser.parse(main)).sessions[0] as Session;
    expect(s.events.find((e) => e.event_id === 'prt_a002c-call')?.event_type).toEqual({
      type: 'ShellCommand',
      data: { command: 'npm test', exit_code: 1 },
    });
    const edit = s.events.find((e) => e.event_id === 'prt_a002f-call');
    expect(edit?.event_type.type === 'FileEdit' && edit.event_type.data.diff).toMatch(/^Index: /);
    const failed = s.events.find((e) => e.event_id === 'prt_a002g-result');
    expect(failed?.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'read', is_error: true, call_id: 'prt_a002g-call' },
    });
    expect(s.events.find((e) => e.event_id === 'prt_a002k')?.event_type).toEqual({
      type: 'Custom',
      data: { kind: 'opencode.hologram' },
    });
  });

  it('keeps a child session file standalone, naming its parent', async () => {
    const r = await opencodeParser.parse(join(FIXTURE, 'session/proj_abc/ses_fx02child.json'));
    const s = r.sessions[0] as Session;
    expect(s.context.related_session_ids).toEqual(['ses_fx01main']);
    expect(s.agent.model).toBe('claude-haiku-4');
    expect(s.events).toHaveLength(4);
  });

  it('parses what it can of a session with a truncated message file', async () => {
    const root = join(tempDir(), 'opencode', 'storage');
    cpSync(FIXTURE, root, { recursive: true });
    // a message file cut off mid-write (kept out of the fixture tree so linters stay clean)
    writeFileSync(
      join(root, 'message/ses_fx03broken/msg_b002.json'),
      '{"id":"msg_b002","sessionID":"ses_fx03broken","role":"assis',
    );
    const r = await opencodeParser.parse(join(root, 'session/proj_abc/ses_fx03broken.json'));
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]?.context.title).toBe('hello there');
    expect(r.warnings).toEqual([
      expect.objectContaining({ kind: 'truncated', file: expect.stringMatching(/msg_b002\.json$/) }),
    ]);
  });
});

describe('bad input', () => {
  it('reports empty, missing, binary and non-database files without throwing', async () => {
    const dir = tempDir();
    const empty = join(dir, 'opencode.db');
    writeFileSync(empty, '');
    expect((await opencodeParser.parse(empty)).warnings[0]?.kind).toBe('empty');
    expect((await opencodeParser.parse(join(dir, 'missing.db'))).warnings[0]?.kind).toBe('unreadable');
    const bin = join(dir, 'bin.db');
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255]));
    expect((await opencodeParser.parse(bin)).warnings[0]?.kind).toBe('binary');
    const notDb = join(dir, 'bad.db');
    writeFileSync(notDb, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200, 7)]));
    const r = await opencodeParser.parse(notDb);
    expect(r.sessions).toEqual([]);
    expect(r.warnings[0]?.kind).toBe('invalid');
  });

  it('leaves the store directory untouched (no -wal/-shm created by reading a WAL database)', async () => {
    const dir = tempDir();
    copyFileSync(DB, join(dir, 'opencode.db'));
    const r = await opencodeParser.parse(join(dir, 'opencode.db'));
    expect(r.sessions).toHaveLength(3);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['opencode.db']);
  });

  it('reads a store locked by a running OpenCode through a temporary copy', async () => {
    const dir = tempDir();
    const db = join(dir, 'opencode.db');
    copyFileSync(DB, db);
    const writer = new Database(db);
    writer.pragma('journal_mode = DELETE');
    writer.exec('BEGIN EXCLUSIVE');
    try {
      const r = await opencodeParser.parse(db);
      expect(r.sessions).toHaveLength(3);
      expect(r.warnings).toEqual([
        expect.objectContaining({ kind: 'unreadable', reason: expect.stringMatching(/locked/) }),
      ]);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('reads a JSON layout copied elsewhere (paths are derived from the session file)', async () => {
    const dir = join(tempDir(), 'opencode', 'storage');
    cpSync(FIXTURE, dir, { recursive: true });
    const r = await opencodeParser.parse(join(dir, 'session/proj_abc/ses_fx01main.json'));
    expect(r.sessions[0]?.events.length).toBeGreaterThan(10);
  });
});
