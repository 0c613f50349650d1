import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstFrame } from '../../src/tui/first-frame.js';
import { startTui } from '../../src/tui/start.js';
import { buildIndex, fakeTerminal, renderApp, session, type TestIndex } from './tui-fixture.js';

let idx: TestIndex;
beforeAll(async () => {
  idx = await buildIndex([
    session('s1', 'Fix auth', { day: '2026-01-01' }),
    session('s2', 'Add search', { tool: 'codex', model: 'gpt-5', day: '2026-01-02' }),
  ]);
});
afterAll(() => idx.dispose());

const plain = (s: string) =>
  s
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');

describe('first paint', () => {
  it('is the same screen Ink draws first, so the handover does not change what is shown', async () => {
    const s = renderApp(idx.services, { columns: 90, rows: 20 });
    const ink = await s.waitFor('2 sessions');
    s.unmount();
    const painted = firstFrame(idx.services, {}, { columns: 90, rows: 20 });
    expect(plain(painted)).toBe(plain(ink));
  });

  it('keeps styles but drops colours under NO_COLOR', () => {
    const coloured = firstFrame(idx.services, {}, { columns: 90, rows: 20 });
    const plainColour = firstFrame(idx.services, { NO_COLOR: '1' }, { columns: 90, rows: 20 });
    expect(coloured).toMatch(/\u001b\[3\d(;\d)*m/);
    expect(plainColour).not.toMatch(/\u001b\[(3\d|9\d)[;m]/);
    expect(plainColour).toContain('\u001b[7m');
  });

  it('startTui paints the list, hands over to Ink, and restores the screen on quit', async () => {
    const term = fakeTerminal(100, 24);
    const order: string[] = [];
    const done = startTui({
      services: idx.services,
      env: {},
      stdout: term.stdout,
      stdin: term.stdin,
      patchConsole: false,
      onFirstPaint: () => order.push(`paint:${/2 sessions/.test(term.written())}`),
      onInteractive: () => order.push('interactive'),
    });
    for (let i = 0; i < 300 && !order.includes('interactive'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['paint:true', 'interactive']);
    expect(term.written().startsWith('\u001b[?1049h')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    term.type('q');
    await expect(done).resolves.toEqual([]);
    expect(term.written().endsWith('\u001b[?25h\u001b[?1049l')).toBe(true);
  });
});
