import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HailEvent } from '../../src/hail/session.js';
import { buildIndex, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

let idx: TestIndex;

const at = (s: number) => `2026-01-01T00:02:${String(s).padStart(2, '0')}Z`;

beforeAll(async () => {
  const base = session('s1', 'Fix auth');
  // A second turn with a subagent, after the sample's seven events.
  const more: HailEvent[] = [
    {
      event_id: 'u2',
      timestamp: at(0),
      event_type: { type: 'UserMessage' },
      content: { blocks: [{ type: 'Text', text: 'Now check the login page' }] },
    },
    {
      event_id: 't1',
      timestamp: at(1),
      task_id: 'sub',
      event_type: { type: 'TaskStart', data: { title: 'explore login' } },
      content: { blocks: [] },
    },
    {
      event_id: 't2',
      timestamp: at(2),
      task_id: 'sub',
      event_type: { type: 'FileRead', data: { path: 'src/login.tsx' } },
      content: { blocks: [] },
    },
    {
      event_id: 't3',
      timestamp: at(3),
      task_id: 'sub',
      event_type: { type: 'TaskEnd', data: { summary: 'login ok' } },
      content: { blocks: [] },
    },
    {
      event_id: 'a2',
      timestamp: at(4),
      event_type: { type: 'AgentMessage' },
      content: { blocks: [{ type: 'Text', text: 'The login page works.' }] },
    },
  ];
  const s1 = session('s1', 'Fix auth', { events: [...base.events, ...more] });
  idx = await buildIndex([s1]);
});
afterAll(() => idx.dispose());

async function openFirst(o: { onPrint?: (l: string) => void } = {}) {
  const s = renderApp(idx.services, { columns: 120, rows: 30, ...o });
  await s.waitFor('1 sessions');
  await s.press(KEY.enter);
  await s.waitFor('event 1/12');
  return s;
}

describe('session detail', () => {
  it('shows the stats header and the timeline, messages open and tool activity folded', async () => {
    const s = await openFirst();
    const f = s.frame();
    expect(f).toContain('Fix auth');
    expect(f).toMatch(/claude-code · claude-opus-4-6 · .* · 2 prompts · 12 events · 1 files \+2 -1 · 1\.3K tokens/);
    expect(f).toContain('▾ USER');
    expect(f).toContain('    Fix the failing auth test in /home/alice/proj');
    expect(f).toContain('▸ SHELL  npm test (exit 1)');
    expect(f).toContain('▸ ERROR  Bash: Error: 1 failing');
    expect(f).toContain('▸ THINK  Look at the test first.');
    expect(f).not.toContain('    Look at the test first.');
    s.unmount();
  });

  it('expands the event under the cursor, and an edit shows its diff', async () => {
    const s = await openFirst();
    // Lines: USER header, its text, THINK, READ, SHELL, EDIT.
    await s.press('j', 'j', 'j', 'j', 'j', KEY.enter);
    const f = await s.waitFor('▾ EDIT');
    expect(f).toMatch(/ {4}@@ -1 \+1,2 @@\n {4}-old\n {4}\+new\n {4}\+more/);
    await s.press(' ');
    await s.waitFor('▸ EDIT');
    s.unmount();
  });

  it('x expands every event', async () => {
    const s = await openFirst();
    await s.press('x');
    const f = await s.waitFor('▾ THINK');
    expect(f).toContain('    Look at the test first.');
    expect(f).toContain('    $ npm test');
    s.unmount();
  });

  it('] and [ jump between user messages; subagent events are indented in their lane', async () => {
    const s = await openFirst();
    await s.press(']');
    let f = await s.waitFor('event 8/12');
    expect(f).toContain('    Now check the login page');
    expect(f).toMatch(/│ \d\d:\d\d:\d\d {3}READ {3}src\/login\.tsx/);
    expect(f).toContain('AGENT+ explore login [L1 sub]');
    await s.press(']');
    f = await s.waitFor('event 8/12');
    await s.press('[');
    f = await s.waitFor('event 1/12');
    s.unmount();
  });

  it('finds text in the session, opening folded events, and n moves to the next match', async () => {
    const s = await openFirst();
    await s.press('/', 'f', 'a', 'i', 'l', 'i', 'n', 'g', KEY.enter);
    let f = await s.waitFor('matching lines');
    // The user's message, and the folded error result (header and body), now open.
    expect(f).toContain('3 matching lines in 2 events');
    expect(f).toContain('event 1/12 · line 2/17');
    expect(f).toContain('▾ ERROR  Bash: Error: 1 failing\n    Error: 1 failing');
    await s.press('n');
    f = await s.waitFor('event 6/12 · line 7/17');
    await s.press('n', 'n');
    await s.waitFor('event 1/12 · line 2/17');
    await s.press('N');
    await s.waitFor('event 6/12 · line 8/17');
    await s.press(
      '/',
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      'z',
      'z',
      'q',
      KEY.enter,
    );
    await s.waitFor('not found: zzq');
    s.unmount();
  });

  it('copies a handoff to the clipboard with OSC 52 and writes one to a file', async () => {
    const s = await openFirst();
    idx.terminal.length = 0;
    await s.press('y');
    await s.waitFor('handoff copied to the clipboard');
    expect(idx.terminal).toHaveLength(1);
    const m = /^\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(idx.terminal[0]!);
    const handoff = Buffer.from(m![1]!, 'base64').toString('utf8');
    expect(handoff).toContain('Fix the failing auth test');
    await s.press('H');
    const f = await s.waitFor('handoff written to');
    const path = /handoff written to (\S+)/.exec(f)![1]!;
    expect(readFileSync(path, 'utf8')).toBe(handoff);
    s.unmount();
  });

  it('exports the session as Markdown', async () => {
    const s = await openFirst();
    await s.press('e');
    await s.waitFor('export as:');
    await s.press('m');
    const f = await s.waitFor('exported to');
    const path = /exported to (\S+)/.exec(f)![1]!;
    expect(path.endsWith('s1.md')).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/^# Fix auth/);
    s.unmount();
  });

  it('shows the source file path and keeps it for printing on exit', async () => {
    const printed: string[] = [];
    const s = await openFirst({ onPrint: (l) => printed.push(l) });
    await s.press('o');
    const f = await s.waitFor('source: ');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/hail\/s1\.hail\.jsonl$/);
    expect(f).toContain('s1.hail.jsonl');
    s.unmount();
  });

  it('opens a search hit at its message', async () => {
    const s = renderApp(idx.services, { rows: 14 });
    await s.waitFor('1 sessions');
    await s.press('/', 'l', 'o', 'g', 'i', 'n', ' ', 'w', 'o', 'r', 'k', 's');
    await s.waitFor('matching messages for “login works”');
    await s.press(KEY.enter, KEY.enter);
    const f = await s.waitFor('event 12/12');
    expect(f).toContain('The login page works.');
    s.unmount();
  });
});
