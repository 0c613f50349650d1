import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { firstUserText } from '../shared/session-builder.js';
import { gooseParser } from './index.js';

const CORPUS_DB = fileURLToPath(
  new URL('../../../../shared/corpus/goose/sessions-db-1-session-0-messages.sqlite', import.meta.url),
);
const JSONL = fileURLToPath(
  new URL('../../../test/fixtures/goose/legacy-session-20250305_101500.jsonl', import.meta.url),
);

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'goose-test-'));
  temps.push(d);
  return d;
};

/** A sessions.db with the real schema (copied from the corpus file) plus the columns later migrations add. */
function buildDb(path: string): Database.Database {
  const real = new Database(CORPUS_DB, { readonly: true, fileMustExist: true });
  const ddl = real
    .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")
    .all() as { sql: string }[];
  real.close();
  const db = new Database(path);
  for (const { sql } of ddl) db.exec(sql);
  db.exec('ALTER TABLE sessions ADD COLUMN provider_name TEXT');
  db.exec('ALTER TABLE sessions ADD COLUMN model_config_json TEXT');
  db.exec('ALTER TABLE messages ADD COLUMN message_id TEXT');
  return db;
}

const msg = (content: unknown[]) => JSON.stringify(content);

function fillDb(db: Database.Database): void {
  const s = db.prepare(
    `INSERT INTO sessions (id, name, description, working_dir, created_at, updated_at, accumulated_input_tokens,
       accumulated_output_tokens, input_tokens, output_tokens, provider_name, model_config_json, session_type)
     VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  s.run(
    '20251202_1',
    'Fix flaky test',
    '/w/app',
    '2025-12-02 10:00:00',
    '2025-12-02 10:05:00',
    12000,
    800,
    3000,
    200,
    'anthropic',
    '{"model_name":"claude-sonnet-4-5","context_limit":200000}',
    'user',
  );
  s.run(
    '20251202_2',
    'CLI Session',
    '/w/app',
    '2025-12-02 11:00:00',
    '2025-12-02 11:00:00',
    null,
    null,
    null,
    null,
    null,
    null,
    'user',
  );
  s.run(
    '20251202_3',
    'sub task',
    '/w/app',
    '2025-12-02 12:00:00',
    '2025-12-02 12:00:00',
    null,
    null,
    null,
    null,
    null,
    null,
    'sub_agent',
  );
  const m = db.prepare(
    'INSERT INTO messages (session_id, role, content_json, created_timestamp, message_id, metadata_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const t0 = Date.UTC(2025, 11, 2, 10, 0, 0) / 1000;
  m.run(
    '20251202_1',
    'user',
    msg([{ type: 'text', text: 'The login test is flaky, fix it' }]),
    t0 + 1,
    'msg_1',
    '{"userVisible":true,"agentVisible":true}',
  );
  m.run(
    '20251202_1',
    'assistant',
    msg([
      { type: 'text', text: 'Running the test.' },
      {
        type: 'toolRequest',
        id: 'call_a',
        toolCall: {
          status: 'success',
          value: { name: 'developer__shell', arguments: { command: 'npm test -- login' } },
        },
      },
    ]),
    t0 + 2,
    'msg_2',
    null,
  );
  m.run(
    '20251202_1',
    'user',
    msg([
      {
        type: 'toolResponse',
        id: 'call_a',
        toolResult: {
          status: 'success',
          value: { content: [{ type: 'text', text: 'FAIL login.test.ts' }], isError: true },
        },
      },
    ]),
    t0 + 5,
    null,
    null,
  );
  m.run(
    '20251202_1',
    'assistant',
    msg([{ type: 'text', text: 'Fixed the race in login.test.ts.' }]),
    t0 + 9,
    'msg_4',
    null,
  );
  m.run('20251202_1', 'user', 'not json at all', t0 + 10, 'msg_5', null);
  m.run(
    '20251202_3',
    'user',
    msg([{ type: 'text', text: 'Summarize the diff' }]),
    t0 + 7200,
    'msg_s1',
    '{"userVisible":false,"agentVisible":true}',
  );
}

describe('sessions.db', () => {
  it('real corpus: one session row and no messages is legitimately empty', async () => {
    const r = await gooseParser.parse(CORPUS_DB);
    expect(r.sessions).toEqual([]);
    expect(r.warnings).toEqual([
      expect.objectContaining({ kind: 'empty', reason: expect.stringContaining('20251202_1') }),
    ]);
  });

  it('reads every session with messages, model, provider and token totals', async () => {
    const path = join(tempDir(), 'sessions.db');
    const db = buildDb(path);
    fillDb(db);
    db.close();
    const r = await gooseParser.parse(path);
    expect(r.sessions.map((s) => s.session_id)).toEqual(['20251202_1', '20251202_3']);
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'empty', reason: expect.stringContaining('20251202_2') }),
        expect.objectContaining({
          kind: 'unknown-shape',
          reason: expect.stringContaining('1 messages kept as Custom'),
        }),
      ]),
    );
    const s = r.sessions[0] as Session;
    expect(validateSession(s)).toEqual([]);
    expect(s.agent).toMatchObject({ tool: 'goose', provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(s.context.title).toBe('Fix flaky test');
    expect(s.context.attributes?.cwd).toBe('/w/app');
    expect(firstUserText(s.events)).toBe('The login test is flaky, fix it');
    // accumulated totals win over the last request's usage
    expect(s.stats.total_input_tokens).toBe(12000);
    expect(s.stats.total_output_tokens).toBe(800);
    expect(s.events.map((e) => e.event_id)).toEqual([
      'msg_1:0',
      'msg_2:0',
      'call_a',
      'call_a-result',
      'msg_4:0',
      'msg_5',
    ]);
    expect(s.events[2]?.event_type).toEqual({ type: 'ShellCommand', data: { command: 'npm test -- login' } });
    expect(s.events[3]?.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'developer__shell', is_error: true, call_id: 'call_a' },
    });
    expect(s.events[4]?.attributes).toMatchObject({
      model: 'claude-sonnet-4-5',
      input_tokens: 12000,
      output_tokens: 800,
    });
    expect(s.events[5]?.event_type).toEqual({ type: 'Custom', data: { kind: 'goose.unknown' } });
    expect(s.events[0]?.timestamp).toBe('2025-12-02T10:00:01.000Z');
    const sub = r.sessions[1] as Session;
    expect(sub.context.attributes).toMatchObject({ session_type: 'sub_agent' });
    expect(sub.events[0]?.attributes).toMatchObject({ user_visible: false });
  });

  it('falls back to msg_<session>_<rowid> ids for rows without message_id (as Goose migrates them)', async () => {
    const path = join(tempDir(), 'sessions.db');
    const db = buildDb(path);
    fillDb(db);
    db.prepare('INSERT INTO messages (session_id, role, content_json, created_timestamp) VALUES (?, ?, ?, ?)').run(
      '20251202_1',
      'assistant',
      msg([{ type: 'text', text: 'One more thing.' }]),
      Date.UTC(2025, 11, 2, 10, 1, 0) / 1000,
    );
    db.close();
    const s = (await gooseParser.parse(path)).sessions[0] as Session;
    // six rows were inserted before this one
    expect(s.events.at(-1)?.event_id).toBe('msg_20251202_1_7:0');
    const again = (await gooseParser.parse(path)).sessions[0] as Session;
    expect(again.events.map((e) => e.event_id)).toEqual(s.events.map((e) => e.event_id));
  });
});

describe('legacy session JSONL (hand-made fixture)', () => {
  it('maps metadata, messages, tools and bad lines', async () => {
    const r = await gooseParser.parse(JSONL);
    expect(r.warnings.map((w) => [w.kind, w.line])).toEqual([
      ['bad-line', 7],
      ['unknown-shape', 9],
    ]);
    const s = r.sessions[0] as Session;
    expect(validateSession(s)).toEqual([]);
    expect(s.session_id).toBe('legacy-session-20250305_101500');
    expect(s.context.title).toBe('Add dark mode toggle');
    expect(s.context.attributes?.cwd).toBe('/home/dev/site');
    expect(s.agent.model).toBe('unknown');
    expect(firstUserText(s.events)).toBe('Add a dark mode toggle to the header');
    // 1 user text, thinking + text + view, result, edit + shell, 2 results, text + unknown item, the non-message line
    expect(s.events).toHaveLength(12);
    expect(s.stats.total_input_tokens).toBe(5000);
    expect(s.stats.total_output_tokens).toBe(400);
    const kinds = s.events.map((e) => e.event_type.type);
    expect(kinds.filter((k) => k === 'Custom')).toHaveLength(2);
    expect(s.events.find((e) => e.event_id === 'toolu_1')?.event_type).toEqual({
      type: 'FileRead',
      data: { path: '/home/dev/site/header.html' },
    });
    // only the assistant-audience copy of the output is kept
    expect(contentText(s.events.find((e) => e.event_id === 'toolu_1-result')?.content ?? { blocks: [] })).toBe(
      '<header>Site</header>',
    );
    const edit = s.events.find((e) => e.event_id === 'toolu_2');
    expect(edit?.event_type.type).toBe('FileEdit');
    expect(s.stats.lines_added).toBe(1);
    expect(s.events.find((e) => e.event_id === 'toolu_3-result')?.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'developer__shell', is_error: true, call_id: 'toolu_3' },
    });
  });

  it('reads up to the last complete line of a file being written', async () => {
    const { readFileSync } = await import('node:fs');
    const path = join(tempDir(), '20250305_101500.jsonl');
    const text = readFileSync(JSONL, 'utf8');
    writeFileSync(path, text.slice(0, text.indexOf('"toolu_2"') + 5));
    const r = await gooseParser.parse(path);
    expect(r.sessions[0]?.events.map((e) => e.event_id)).toEqual([
      'msg_u1:0',
      'msg_a1:0',
      'msg_a1:1',
      'toolu_1',
      'toolu_1-result',
    ]);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'truncated', line: 5 })]);
  });

  it('reports empty, missing and binary files without throwing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), '');
    expect((await gooseParser.parse(join(dir, 'a.jsonl'))).warnings[0]?.kind).toBe('empty');
    expect((await gooseParser.parse(join(dir, 'none.jsonl'))).warnings[0]?.kind).toBe('unreadable');
    writeFileSync(join(dir, 'b.jsonl'), Buffer.from([0x7b, 0, 0, 1, 2]));
    expect((await gooseParser.parse(join(dir, 'b.jsonl'))).warnings[0]?.kind).toBe('binary');
    writeFileSync(join(dir, 'c.jsonl'), '{"description":"only metadata","message_count":0}\n');
    const r = await gooseParser.parse(join(dir, 'c.jsonl'));
    expect(r.sessions).toEqual([]);
    expect(r.warnings[0]?.kind).toBe('empty');
  });
});
