import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { readFirstBytes } from '../shared/sniff.js';
import { clineParser, kiloCodeParser, rooCodeParser } from './index.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/cline/', import.meta.url));
const types = (s: Session) => s.events.map((e) => e.event_type.type);

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cline-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Copies a fixture task into `<root>/tasks/<id>/`. */
function placeTask(root: string, fixture: string, id: string): string {
  const dir = join(root, 'tasks', id);
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

describe('cline: XML tool calls (2024 format, hand-made)', () => {
  it('splits the assistant text into thinking, prose and tool calls, and pairs split result blocks', async () => {
    const dir = placeTask(join(home, '.cline', 'data'), 'xml-era', '1712000000000');
    const r = await clineParser.parse(join(dir, 'api_conversation_history.json'));
    expect(r.warnings).toEqual([]);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(types(s)).toEqual([
      'UserMessage',
      'Thinking',
      'FileRead',
      'ToolResult',
      'AgentMessage',
      'FileEdit',
      'ToolResult',
      'FileCreate',
      'ToolResult',
      'UserMessage',
      'ShellCommand',
      'ToolResult',
      'AgentMessage',
      'SystemMessage',
    ]);
    expect(s.session_id).toBe('1712000000000');
    expect(contentText(s.events[0]!.content)).toBe('Add a unit test for parseDate in src/date.ts');
    expect(s.events[3]!.event_type).toEqual({
      type: 'ToolResult',
      data: { name: 'read_file', is_error: false, call_id: s.events[2]!.event_id },
    });
    expect(contentText(s.events[3]!.content)).toContain('export function parseDate');
    const edit = s.events[5]!.event_type;
    expect(edit.type === 'FileEdit' && edit.data.diff).toContain('+  if (!s) return undefined;');
    expect(s.stats).toMatchObject({ lines_added: 2, lines_removed: 1, files_changed: 2 });
    // The denial is an error result plus what the person typed.
    expect(s.events[8]!.event_type).toMatchObject({ data: { is_error: true } });
    expect(contentText(s.events[9]!.content)).toBe('put tests under test/ please');
    expect(contentText(s.events[12]!.content)).toBe('parseDate now returns undefined for empty input.');
    expect(s.context.attributes?.cwd).toBe('/home/dev/dates');
  });

  it('matches UI requests to replies in order when the log has no history index', async () => {
    const dir = placeTask(join(home, '.cline', 'data'), 'xml-era', '1712000000000');
    const s = (await clineParser.parse(join(dir, 'api_conversation_history.json'))).sessions[0]!;
    expect(s.stats).toMatchObject({
      total_input_tokens: 1100,
      total_output_tokens: 330,
      total_cache_read_tokens: 5400,
      total_cache_creation_tokens: 200,
    });
    const usage = s.events
      .filter((e) => e.attributes?.input_tokens)
      .map((e) => [e.event_id, e.attributes?.input_tokens]);
    expect(usage).toEqual([
      ['m1.1', 1000],
      ['m3.0', 20],
      ['m5.0', 30],
      ['m7.0', 40],
      ['m9.0', 10],
    ]);
    // No per-message times: the UI's first time, then 100 ms per message.
    expect(s.events[0]!.timestamp).toBe('2024-04-01T19:33:20.000Z');
    expect(s.events[12]!.timestamp).toBe('2024-04-01T19:33:20.900Z');
  });

  it('is found under $CLINE_DIR/data/tasks and titled from state/taskHistory.json', async () => {
    const root = join(home, 'custom-cline');
    placeTask(join(root, 'data'), 'xml-era', '1712000000000');
    mkdirSync(join(root, 'data', 'state'));
    writeFileSync(
      join(root, 'data', 'state', 'taskHistory.json'),
      JSON.stringify([{ id: '1712000000000', ts: 1, task: 'Date tests' }]),
    );
    const found = await clineParser.discover({ home, env: { CLINE_DIR: root } });
    expect(found.map((f) => f.path)).toEqual([
      join(root, 'data', 'tasks', '1712000000000', 'api_conversation_history.json'),
    ]);
    expect(found[0]!.parts).toEqual([join(root, 'data', 'tasks', '1712000000000', 'ui_messages.json')]);
    const s = (await clineParser.parse(found[0]!.path)).sessions[0]!;
    expect(s.context.title).toBe('Date tests');
  });
});

describe('cline family: Roo Code and Kilo Code (native tool blocks, hand-made)', () => {
  const rooStorage = () => join(home, '.config', 'Code', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline');

  it('discovers Roo tasks in VS Code globalStorage and reports them as roo-code', async () => {
    placeTask(rooStorage(), 'roo-task', 'c0ffee00-1111-2222-3333-444455556666');
    const roots = { home, env: {} };
    expect(await clineParser.discover(roots)).toEqual([]);
    const found = await rooCodeParser.discover(roots);
    expect(found).toHaveLength(1);
    expect(found[0]!.tool).toBe('roo-code');
    const head = await readFirstBytes(found[0]!.path);
    expect(rooCodeParser.canParse(found[0]!.path, head)).toBe(true);
    expect(clineParser.canParse(found[0]!.path, head)).toBe(false);
    const r = await rooCodeParser.parse(found[0]!.path);
    expect(r.warnings).toEqual([]);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.agent.tool).toBe('roo-code');
    expect(s.session_id).toBe('c0ffee00-1111-2222-3333-444455556666');
    expect(s.context.title).toBe('Fix the failing test in math.test.ts');
    expect(s.context.attributes?.cwd).toBe('/home/dev/calc');
    expect(types(s)).toEqual([
      'UserMessage',
      'AgentMessage',
      'FileRead',
      'ToolResult',
      'SystemMessage',
      'FileEdit',
      'ToolResult',
      'ShellCommand',
      'ToolResult',
      'AgentMessage',
      'UserMessage',
    ]);
    expect(s.events[2]!.event_type).toEqual({ type: 'FileRead', data: { path: 'src/math.test.ts' } });
    expect(s.events[3]!.content.blocks[0]).toMatchObject({ type: 'Code', language: 'typescript', start_line: 1 });
    expect(s.events[7]!.event_type).toEqual({ type: 'ShellCommand', data: { command: 'npm test', exit_code: 1 } });
    expect(s.events[8]!.event_type).toMatchObject({ data: { is_error: true, call_id: 'toolu_03' } });
    expect(s.stats).toMatchObject({
      total_input_tokens: 1200,
      total_output_tokens: 300,
      total_cache_read_tokens: 5000,
      lines_added: 1,
      lines_removed: 1,
    });
    expect(s.events[0]!.timestamp).toBe('2025-06-27T04:53:20.000Z');
  });

  it('reports Kilo Code tasks as kilo-code', async () => {
    const kilo = join(home, 'Library', 'Application Support', 'Cursor', 'User', 'globalStorage', 'kilocode.kilo-code');
    placeTask(kilo, 'roo-task', 'k1');
    const found = await kiloCodeParser.discover({ home, env: {} });
    expect(found.map((f) => f.tool)).toEqual(['kilo-code']);
    expect((await kiloCodeParser.parse(found[0]!.path)).sessions[0]!.agent.tool).toBe('kilo-code');
  });
});

describe('cline: aligning API messages with UI times (mid-2025 format, hand-made inline)', () => {
  it('dates each message by the UI records of the history index before it, and puts usage on the reply', async () => {
    const dir = join(home, 'tasks', '1750000000000');
    mkdirSync(dir, { recursive: true });
    const api = [
      { role: 'user', content: [{ type: 'text', text: '<task>\nlist files\n</task>' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Listing.' },
          { type: 'tool_use', id: 't1', name: 'list_files', input: { path: '.' } },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: "[list_files for '.'] Result:\na.ts" }] },
      { role: 'assistant', content: [{ type: 'text', text: 'One file: a.ts.' }] },
    ];
    const req = (tokensIn: number) =>
      JSON.stringify({ tokensIn, tokensOut: 5, cacheReads: 0, cacheWrites: 0, cost: 0 });
    const ui = [
      { ts: 1750000000000, type: 'say', say: 'text', text: 'list files', conversationHistoryIndex: -1 },
      { ts: 1750000001000, type: 'say', say: 'api_req_started', text: req(100), conversationHistoryIndex: -1 },
      { ts: 1750000003000, type: 'say', say: 'text', text: 'Listing.', conversationHistoryIndex: 0 },
      { ts: 1750000004000, type: 'say', say: 'api_req_started', text: req(200), conversationHistoryIndex: 1 },
      {
        ts: 1750000006000,
        type: 'say',
        say: 'completion_result',
        text: 'One file: a.ts.',
        conversationHistoryIndex: 2,
      },
    ];
    writeFileSync(join(dir, 'api_conversation_history.json'), JSON.stringify(api));
    writeFileSync(join(dir, 'ui_messages.json'), JSON.stringify(ui));
    const s = (await clineParser.parse(join(dir, 'api_conversation_history.json'))).sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.events.map((e) => [e.event_type.type, e.timestamp, e.attributes?.input_tokens])).toEqual([
      ['UserMessage', '2025-06-15T15:06:40.000Z', undefined],
      ['AgentMessage', '2025-06-15T15:06:43.000Z', 100],
      ['FileSearch', '2025-06-15T15:06:43.000Z', undefined],
      ['ToolResult', '2025-06-15T15:06:44.000Z', undefined],
      ['AgentMessage', '2025-06-15T15:06:46.000Z', 200],
    ]);
  });
});

describe('cline: sniffing and bad input', () => {
  const write = (name: string, data: string | Buffer) => {
    const p = join(home, name);
    writeFileSync(p, data);
    return p;
  };

  it('claims only Cline task files by name and content', () => {
    const sniff = (path: string, text: string) => clineParser.canParse(path, Buffer.from(text));
    expect(sniff('/t/api_conversation_history.json', '[{"role":"user","content":[]}]')).toBe(true);
    expect(sniff('/t/ui_messages.json', '[{"ts":1,"type":"say","say":"text"}]')).toBe(true);
    expect(sniff('/t/api_conversation_history.json', '{"sessionId":"x","messages":[]}')).toBe(false);
    expect(sniff('/t/session-2025.json', '[{"role":"user","content":[]}]')).toBe(false);
    expect(sniff('/t/ui_messages.json', '\u0000\u0001binary')).toBe(false);
  });

  it('reports empty, binary, missing and non-array files without throwing', async () => {
    const empty = await clineParser.parse(write('api_conversation_history.json', ''));
    expect(empty.sessions).toEqual([]);
    expect(empty.warnings.map((w) => w.kind)).toContain('empty');
    const bin = await clineParser.parse(write('ui_messages.json', Buffer.from([0x5b, 0, 1, 2])));
    expect(bin.warnings.map((w) => w.kind)).toEqual(['binary']);
    const missing = await clineParser.parse(join(home, 'nope', 'api_conversation_history.json'));
    expect(missing.sessions).toEqual([]);
    expect(missing.warnings.map((w) => w.kind)).toContain('unreadable');
    const object = await clineParser.parse(write('api_conversation_history-x.json', '{"a":1}'));
    expect(object.sessions).toEqual([]);
  });

  it('turns unknown message and block shapes into Custom events', async () => {
    const p = write(
      'api_conversation_history.json',
      JSON.stringify([
        { role: 'user', content: [{ type: 'text', text: '<task>\nhi\n</task>' }] },
        { role: 'assistant', content: [{ type: 'hologram', data: 1 }] },
        { role: 'system', content: 'rules' },
        42,
      ]),
    );
    const r = await clineParser.parse(p);
    expect(r.sessions[0]!.events.map((e) => e.event_type)).toEqual([
      { type: 'UserMessage' },
      { type: 'Custom', data: { kind: 'cline.hologram' } },
      { type: 'Custom', data: { kind: 'cline.system' } },
    ]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['unknown-shape']);
  });
});
