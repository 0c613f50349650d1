import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

// Wheel notches as a terminal sends them with SGR mouse reporting on, through Ink's real stdin
// handling: they scroll, and none of their characters reach a prompt or trigger a key.

let idx: TestIndex;

beforeAll(async () => {
  // 30 sessions, one a day: titles sort the same as the list (newest first).
  const sessions = Array.from({ length: 30 }, (_, i) => {
    const day = `2025-12-${String(i + 1).padStart(2, '0')}`;
    return session(`w${String(i + 1).padStart(2, '0')}`, `Task ${String(30 - i).padStart(2, '0')}`, { day });
  });
  idx = await buildIndex(sessions);
});
afterAll(() => idx.dispose());

const titles = (frame: string) => [...frame.matchAll(/Task (\d\d)/g)].map((m) => m[1]);

describe('mouse wheel', () => {
  it('scrolls the session list three rows per notch, both ways', async () => {
    const s = renderApp(idx.services, { columns: 100, rows: 14 });
    let f = await s.waitFor('30 sessions');
    expect(f).toContain('1/30');
    expect(titles(f)[0]).toBe('01');
    await s.press(KEY.wheelDown);
    await s.waitFor('4/30');
    await s.press(KEY.wheelDown, KEY.wheelDown, KEY.wheelDown, KEY.wheelDown);
    f = await s.waitFor('16/30');
    // The rows moved up with the cursor: the first sessions are out of view.
    expect(titles(f)).not.toContain('01');
    expect(titles(f)).toContain('16');
    await s.press(KEY.wheelUp);
    await s.waitFor('13/30');
    // Nothing of the reports leaked into the screen.
    expect(s.frame()).not.toMatch(/<6[45];/);
    s.unmount();
  });

  it('leaves the search prompt as typed, and still moves through the hits', async () => {
    const s = renderApp(idx.services, { columns: 100, rows: 14 });
    await s.waitFor('30 sessions');
    await s.press('/', 'a', 'u', 't', 'h');
    await s.waitFor('matching messages for “auth”');
    await s.press(KEY.wheelDown, '\u001b[<0;10;5M', '\u001b[<0;10;5m', KEY.wheelUp, KEY.wheelDown);
    const f = await s.waitFor('4/');
    expect(f.split('\n')[1]).toBe('/ auth█');
    expect(f).not.toMatch(/[<;]\d|\[</);
    s.unmount();
  });

  it('scrolls the session detail, and is not read as [ or other keys there', async () => {
    const s = renderApp(idx.services, { columns: 100, rows: 14 });
    await s.waitFor('30 sessions');
    await s.press(KEY.enter);
    await s.waitFor('line 1/9');
    // Every event open: more lines than the screen holds.
    await s.press('x');
    await s.waitFor('line 1/');
    await s.press(KEY.wheelDown);
    let f = await s.waitFor('line 4/');
    expect(f).toContain('event 2/7 · line 4/19');
    await s.press(KEY.wheelDown, KEY.wheelDown, KEY.wheelDown, KEY.wheelDown);
    f = await s.waitFor('line 16/');
    // The top of the timeline scrolled away.
    expect(f).not.toContain('▾ USER');
    await s.press(KEY.wheelUp, KEY.wheelUp, KEY.wheelUp, KEY.wheelUp, KEY.wheelUp);
    f = await s.waitFor('line 1/');
    expect(f).toContain('▾ USER');
    // In the find prompt the reports type nothing.
    await s.press('/', 'f', 'i', KEY.wheelDown, 'x');
    f = await s.waitFor('find: fix█');
    expect(f).not.toMatch(/\[<|<65/);
    s.unmount();
  });

  it('scrolls the help overlay instead of closing it', async () => {
    const s = renderApp(idx.services, { columns: 100, rows: 10 });
    await s.waitFor('30 sessions');
    await s.press('?');
    let f = await s.waitFor('any other key closes');
    expect(f).toContain('Sessions');
    await s.press(KEY.wheelDown);
    f = await s.waitFor((x) => !x.includes('\nSessions'));
    expect(f).toContain('any other key closes');
    expect(f).toMatch(/wheel +scroll 3 lines/);
    s.unmount();
  });
});
