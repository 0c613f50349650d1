import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HailEvent } from '../../src/hail/session.js';
import { buildIndex, KEY, renderApp, session, type TestIndex } from './tui-fixture.js';

// Session content is untrusted: a title or message carrying terminal escapes must reach the
// screen as plain text. Colours are off in tests (no TTY), so no frame may hold any escape.

const PAYLOADS = [
  '\u001b]0;pwned-title\u0007', // OSC: retitle the terminal
  '\u001b]52;c;ZXZpbA==\u0007', // OSC 52: write the clipboard
  '\u001b]8;;http://evil.example\u001b\\', // OSC 8 hyperlink
  '\u001b[2J\u001b[H', // CSI: clear the screen
  '\u001b[31m', // colour
  '\u009b\u0085', // C1 controls (8-bit CSI, NEL)
  '\u0007\u0008', // bell, backspace
];
const evil = PAYLOADS.join('');

let idx: TestIndex;
beforeAll(async () => {
  const base = session('evil', `Evil ${evil}title`, { model: `gpt${evil}-5` });
  const events: HailEvent[] = [
    { ...base.events[0]!, content: { blocks: [{ type: 'Text', text: `please ${evil}look here` }] } },
    { ...base.events[3]!, event_type: { type: 'ShellCommand', data: { command: `echo ${evil}hi`, exit_code: 0 } } },
    { ...base.events[5]!, content: { blocks: [{ type: 'Text', text: `output ${evil}done` }] } },
  ];
  idx = await buildIndex([session('evil', `Evil ${evil}title`, { model: `gpt${evil}-5`, events })]);
});
afterAll(() => idx.dispose());

const ESCAPES = /[\u001b\u0007\u0008\u0080-\u009f]/;

describe('untrusted session content', () => {
  it('never reaches the terminal as escape sequences: list, search, detail', async () => {
    const s = renderApp(idx.services, { columns: 120 });
    let f = await s.waitFor('1 sessions');
    expect(f).toMatch(/Evil title/);
    expect(f).toContain('gpt-5');
    await s.press('/', 'l', 'o', 'o', 'k');
    f = await s.waitFor('matching messages for “look”');
    // The store cuts the snippet from the raw text, possibly inside a sequence; what is left of
    // it is shown as text, never as an escape.
    expect(f).toMatch(/↳ .*look here/);
    await s.press(KEY.enter, KEY.enter);
    await s.waitFor('event 1/3');
    await s.press('x');
    f = await s.waitFor('$ echo hi');
    expect(f).toContain('output done');
    expect(f).toContain('Evil title');
    for (const frame of s.frames()) expect(frame).not.toMatch(ESCAPES);
    s.unmount();
  });

  it('rows from the services are already clean, before any screen draws them', () => {
    const item = idx.services.sessionItem('evil');
    expect(item?.title).toBe('Evil title');
    expect(item?.model).toBe('gpt-5');
  });
});
