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
    for (let i = 0; i < 3000 && !order.includes('interactive'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['paint:true', 'interactive']);
    expect(term.written().startsWith('\u001b[?1049h')).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    term.type('q');
    await expect(done).resolves.toEqual([]);
    expect(term.written().endsWith('\u001b[?25h\u001b[?1049l')).toBe(true);
  });
});

const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';

/** Starts the UI and waits until it takes keys (or has already ended). */
async function started(start: (onInteractive: () => void) => Promise<string[]>): Promise<{ done: Promise<string[]> }> {
  let ready = false;
  const done = start(() => {
    ready = true;
  });
  done.then(
    () => (ready = true),
    () => (ready = true),
  );
  for (let i = 0; i < 3000 && !ready; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  return { done };
}

describe('mouse reporting', () => {
  it('is turned on with the screen and off on quit, before the shell gets the terminal back', async () => {
    const term = fakeTerminal(100, 24);
    const { done } = await started((onInteractive) =>
      startTui({
        services: idx.services,
        env: {},
        stdout: term.stdout,
        stdin: term.stdin,
        patchConsole: false,
        onInteractive,
      }),
    );
    expect(term.written().startsWith(`\u001b[?1049h\u001b[H\u001b[?25l${MOUSE_ON}`)).toBe(true);
    // A wheel notch through the real stdin path moves the cursor (to the last of two rows).
    // Sent again until seen: on a loaded machine the first report can beat the input handler,
    // and more notches still stop at the last row.
    for (let i = 0; i < 100 && !term.written().includes('2/2 · ? help'); i++) {
      term.type('\u001b[<65;10;5M');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(term.written()).toContain('2/2 · ? help');
    term.type('q');
    await done;
    expect(term.written().endsWith(`${MOUSE_OFF}\u001b[?25h\u001b[?1049l`)).toBe(true);
    expect(term.written().split(MOUSE_OFF)).toHaveLength(2);
  });

  it('is turned off when the UI fails', async () => {
    const term = fakeTerminal(100, 24);
    const broken = {
      ...idx.services,
      tools: () => {
        throw new Error('index gone');
      },
    };
    const { done } = await started(() =>
      startTui({ services: broken, env: {}, stdout: term.stdout, stdin: term.stdin, patchConsole: false }),
    );
    await expect(done).rejects.toThrow('index gone');
    expect(term.written()).toContain(MOUSE_ON);
    expect(term.written().endsWith(`${MOUSE_OFF}\u001b[?25h\u001b[?1049l`)).toBe(true);
  });

  it('stays off with OPENSESSION_NO_MOUSE=1, and off a terminal', async () => {
    for (const [env, tty] of [
      [{ OPENSESSION_NO_MOUSE: '1' }, true],
      [{}, false],
    ] as const) {
      const term = fakeTerminal(100, 24);
      term.stdout.isTTY = tty;
      const { done } = await started((onInteractive) =>
        startTui({
          services: idx.services,
          env,
          stdout: term.stdout,
          stdin: term.stdin,
          patchConsole: false,
          onInteractive,
        }),
      );
      term.type('q');
      await done;
      expect(term.written()).not.toContain('\u001b[?1000h');
      expect(term.written()).not.toContain('\u001b[?1000l');
    }
  });
});
