import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

let idx: TestIndex;

beforeAll(async () => {
  const search = session('s2', 'Add search', { tool: 'codex', model: 'gpt-5', day: '2026-01-02' });
  search.events[0]!.content.blocks = [{ type: 'Text', text: 'Build a tokenizer for the search box' }];
  search.context.attributes = { cwd: '/home/bob/webapp' };
  idx = await buildIndex([
    session('s1', 'Fix auth', { day: '2026-01-01' }),
    search,
    session('s3', 'Old refactor', { tool: 'gemini', model: 'gemini-2.5-pro', day: '2025-06-01' }),
  ]);
});
afterAll(() => idx.dispose());

const rows = (frame: string) => frame.split('\n').filter((l) => /^(claude-code|codex|gemini) /.test(l));

describe('session list', () => {
  it('lists every session newest first with tool, time, title, model, events and tokens', async () => {
    const s = renderApp(idx.services);
    const f = await s.waitFor('3 sessions');
    expect(f).toMatch(/TOOL\s+TIME\s+TITLE\s+MODEL\s+EVENTS\s+TOKENS/);
    expect(rows(f).map((r) => r.split(' ')[0])).toEqual(['codex', 'claude-code', 'gemini']);
    expect(rows(f)[0]).toMatch(/^codex\s+Jan 02\s+Add search\s+gpt-5\s+7\s+1\.3K$/);
    expect(rows(f)[2]).toMatch(/2025-06-01/);
    expect(f).toContain('1/3');
    s.unmount();
  });

  it('filters by tool, then by time window, and says so in the status line', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('t');
    let f = await s.waitFor('1 sessions (tool: claude-code');
    expect(rows(f)).toHaveLength(1);
    await s.press('t', 't', 't');
    await s.waitFor('3 sessions');
    await s.press('w', 'w', 'w');
    f = await s.waitFor('last 30d');
    expect(rows(f).map((r) => r.split(' ')[0])).toEqual(['codex', 'claude-code']);
    await s.press('c');
    await s.waitFor('3 sessions');
    s.unmount();
  });

  it('filters by project as it is typed', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('p', 'w', 'e', 'b', KEY.enter);
    const f = await s.waitFor('project: web');
    expect(rows(f).map((r) => r.split(' ')[0])).toEqual(['codex']);
    s.unmount();
  });

  it('sorts by another column', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('s');
    const f = await s.waitFor('sort: oldest');
    expect(rows(f).map((r) => r.split(' ')[0])).toEqual(['gemini', 'claude-code', 'codex']);
    s.unmount();
  });

  it('searches every message as you type and shows the matching text', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('/', 't', 'o', 'k', 'e', 'n', 'i', 'z', 'e', 'r');
    const f = await s.waitFor('matching messages for “tokenizer”');
    expect(f).toContain('/ tokenizer');
    expect(f).toMatch(/codex\s+Jan 02\s+Add search\s+UserMessage/);
    expect(f).toContain('↳ Build a tokenizer for the search box');
    // Esc ends the search and the full list is back.
    await s.press(KEY.esc);
    await s.waitFor('3 sessions');
    s.unmount();
  });

  it('opens the session under the cursor, and q in the detail comes back to the list', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('j', KEY.enter);
    await s.waitFor('Fix auth');
    const f = await s.waitFor('event 1/7');
    expect(f).toContain('claude-code · claude-opus-4-6');
    await s.press('q');
    const back = await s.waitFor('3 sessions');
    expect(back).toContain('2/3');
    s.unmount();
  });
});

describe('a large history', () => {
  let big: TestIndex;
  beforeAll(async () => {
    big = await buildIndex(
      Array.from({ length: 300 }, (_, i) =>
        session(`b${String(i).padStart(3, '0')}`, `Session number ${i}`, {
          day: `2025-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        }),
      ),
    );
  });
  afterAll(() => big.dispose());

  it('draws only the rows that fit, and jumps to the last one', async () => {
    const s = renderApp(big.services, { rows: 24 });
    let f = await s.waitFor('300 sessions');
    expect(f.split('\n')).toHaveLength(23);
    expect(rows(f)).toHaveLength(19);
    expect(rows(f)[0]).toContain('Session number 299');
    await s.press('G');
    f = await s.waitFor('300/300');
    expect(rows(f).at(-1)).toContain('Session number 0 ');
    await s.press(KEY.pageUp);
    await s.waitFor('281/300');
    await s.press('g');
    await s.waitFor('1/300');
    s.unmount();
  });
});
