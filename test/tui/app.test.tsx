import chalk from 'chalk';
import { render } from 'ink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/app.js';
import { displayWidth } from '../../src/tui/text.js';
import { buildIndex, fakeTerminal, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

let idx: TestIndex;
beforeAll(async () => {
  idx = await buildIndex([
    session('s1', 'Fix auth', { day: '2026-01-01' }),
    session('s2', 'Add search', { tool: 'codex', model: 'gpt-5', day: '2026-01-02' }),
    session('s3', 'Write docs', { tool: 'codex', model: 'gpt-5', day: '2026-01-02' }),
  ]);
});
afterAll(() => idx.dispose());

describe('stats view', () => {
  it('shows totals and a per-day breakdown with bars, then per tool', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('2');
    let f = await s.waitFor('tokens by day');
    expect(f).toMatch(/^3 sessions · 6 messages · 3 tool calls · 3\.6K in · 240 out · 0 cache · \$\d+\.\d\d$/m);
    expect(f).toMatch(/2026-01-01\s+1\.3K\s+█+/);
    expect(f).toMatch(/2026-01-02\s+2\.6K\s+█+/);
    // The busier day has the longer bar.
    const barOf = (day: string) =>
      (f.split('\n').find((l) => l.startsWith(day)) ?? '').replace(/[^█▏▎▍▌▋▊▉]/g, '').length;
    expect(barOf('2026-01-02')).toBeGreaterThan(barOf('2026-01-01'));
    await s.press('b', 'b', 'b');
    f = await s.waitFor('tokens by tool');
    expect(f).toMatch(/codex\s+2\.6K/);
    await s.press('m', 'm');
    f = await s.waitFor('sessions by tool');
    expect(f).toMatch(/codex\s+2\s+█+/);
    await s.press('1');
    await s.waitFor('3 sessions');
    s.unmount();
  });

  it('counts what the list filter shows', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    await s.press('t');
    await s.waitFor('tool: claude-code');
    await s.press('2');
    const f = await s.waitFor('tokens by day');
    expect(f).toMatch(/^1 sessions · 2 messages · 1 tool calls/m);
    s.unmount();
  });
});

describe('help overlay', () => {
  it('lists the keys of the screen it was opened from, and any key closes it', async () => {
    const s = renderApp(idx.services, { rows: 40 });
    await s.waitFor('3 sessions');
    await s.press('?');
    let f = await s.waitFor('Everywhere');
    expect(f).toMatch(/^Sessions$/m);
    expect(f).toMatch(/^ {2}\/ {19}search every message/m);
    expect(f).toMatch(/^ {2}j k ↓ ↑ +move down \/ up/m);
    await s.press('z');
    await s.waitFor('3 sessions');
    await s.press(KEY.enter);
    await s.waitFor('event 1/7');
    await s.press('j', 'j', 'j');
    await s.waitFor('line 4/');
    await s.press('?');
    f = await s.waitFor('Everywhere');
    expect(f).toMatch(/^Session$/m);
    expect(f).toMatch(/^ {2}\] \[ +next \/ previous user message/m);
    expect(f).toMatch(/^ {2}y +copy a handoff/m);
    await s.press(KEY.esc);
    // The detail was kept under the help: same place, not reloaded.
    await s.waitFor('event 3/7 · line 4/');
    s.unmount();
  });

  it('scrolls when it does not fit', async () => {
    const s = renderApp(idx.services, { rows: 12 });
    await s.waitFor('3 sessions');
    await s.press('?');
    const f = await s.waitFor('j k scroll');
    expect(f).not.toContain('Everywhere');
    await s.press(...'jjjjjjjjjjjj');
    await s.waitFor('Everywhere');
    s.unmount();
  });
});

describe('terminal size', () => {
  it('fits 80×24: every line within 80 columns, 23 lines', async () => {
    const s = renderApp(idx.services, { columns: 80, rows: 24 });
    const f = await s.waitFor('3 sessions');
    const lines = f.split('\n');
    expect(lines).toHaveLength(23);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    expect(f).toContain('MODEL');
    s.unmount();
  });

  it('follows resizes of the terminal', async () => {
    const term = fakeTerminal(100, 20);
    const ink = render(<App services={idx.services} env={{}} />, {
      stdout: term.stdout,
      stdin: term.stdin,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    const last = () => term.frames.at(-1) ?? '';
    const until = async (ok: (f: string) => boolean) => {
      for (let i = 0; i < 1000 && !ok(last()); i++) await new Promise((r) => setTimeout(r, 10));
      return last();
    };
    let f = await until((x) => x.includes('3 sessions'));
    expect(f.split('\n')).toHaveLength(19);
    expect(f).toContain('MODEL');
    term.resize(60, 12);
    f = await until((x) => x.split('\n').length === 11);
    expect(f).not.toContain('MODEL');
    for (const l of f.split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(60);
    ink.unmount();
  });
});

describe('colours', () => {
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = level;
  });
  const COLOUR = /\u001b\[(3[0-79]|9[0-7])m/;

  it('colours tools and event kinds', async () => {
    const s = renderApp(idx.services);
    await s.waitFor('3 sessions');
    expect(s.frame()).toMatch(COLOUR);
    s.unmount();
  });

  it('NO_COLOR drops every colour but keeps the cursor highlight', async () => {
    const s = renderApp(idx.services, { env: { NO_COLOR: '1' } });
    await s.waitFor('3 sessions');
    await s.press(KEY.enter);
    await s.waitFor('event 1/7');
    await s.press('x');
    await s.waitFor((f) => f.replace(/\u001b\[[0-9;]*m/g, '').includes('▾ EDIT'));
    for (const frame of s.frames()) expect(frame).not.toMatch(COLOUR);
    expect(s.frame()).toContain('\u001b[7m');
    s.unmount();
  });
});
