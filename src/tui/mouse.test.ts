import { describe, expect, it } from 'vitest';
import { parseMouse, wantsMouse } from './mouse.js';

describe('SGR mouse reports', () => {
  it('reads wheel notches, with or without the ESC Ink strips', () => {
    expect(parseMouse('\u001b[<65;10;5M')).toEqual({ kind: 'wheel', direction: 'down', column: 10, row: 5 });
    expect(parseMouse('[<64;1;2M')).toEqual({ kind: 'wheel', direction: 'up', column: 1, row: 2 });
  });

  it('reads the wheel with Shift, Meta or Ctrl held as the wheel', () => {
    expect(parseMouse('[<69;3;4M')).toMatchObject({ direction: 'down' });
    expect(parseMouse('[<80;3;4M')).toMatchObject({ direction: 'up' });
  });

  it('swallows clicks, releases and horizontal wheels as other reports', () => {
    for (const r of ['[<0;10;5M', '[<0;10;5m', '[<2;1;1M', '[<66;1;1M', '[<67;1;1M', '[<32;4;4M'])
      expect(parseMouse(r)).toEqual({ kind: 'other' });
  });

  it('leaves keys and text alone', () => {
    for (const t of ['[', '<', '[A', '\u001b[B', '[<65;10;5', '[<65;10M', 'x[<65;1;1M', '[<65;1;1Mx'])
      expect(parseMouse(t)).toBeUndefined();
  });
});

describe('turning the mouse on', () => {
  it('only on a terminal, unless OPENSESSION_NO_MOUSE is set', () => {
    expect(wantsMouse({}, true)).toBe(true);
    expect(wantsMouse({}, false)).toBe(false);
    expect(wantsMouse({ OPENSESSION_NO_MOUSE: '1' }, true)).toBe(false);
    expect(wantsMouse({ OPENSESSION_NO_MOUSE: 'yes' }, true)).toBe(false);
    expect(wantsMouse({ OPENSESSION_NO_MOUSE: '0' }, true)).toBe(true);
    expect(wantsMouse({ OPENSESSION_NO_MOUSE: '' }, true)).toBe(true);
  });
});
