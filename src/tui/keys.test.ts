import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { actionOf, keyPress, keyPresses, MOVE_KEYS, moveTarget } from './keys.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('key presses', () => {
  it('names special keys and ctrl chords', () => {
    expect(keyPress('', { ...none, downArrow: true }).name).toBe('down');
    expect(keyPress('d', { ...none, ctrl: true }).name).toBe('ctrl+d');
    expect(keyPress('G', none)).toEqual({ name: 'G', input: 'G' });
  });

  it('splits a chunk of typed characters into one press each, Enter and Backspace included', () => {
    expect(keyPresses('bun\r', none).map((k) => k.name)).toEqual(['b', 'u', 'n', 'enter']);
    expect(keyPresses('ab\u007f', none).map((k) => k.name)).toEqual(['a', 'b', 'backspace']);
    expect(keyPresses('世', none)).toEqual([{ name: '世', input: '世' }]);
  });

  it('binds vim keys and arrows to the same movement', () => {
    expect(actionOf(MOVE_KEYS, keyPress('j', none))).toBe('down');
    expect(actionOf(MOVE_KEYS, keyPress('', { ...none, downArrow: true }))).toBe('down');
    expect(actionOf(MOVE_KEYS, keyPress('x', none))).toBeUndefined();
    expect(moveTarget('bottom', 3, 40, 10)).toBe(39);
    expect(moveTarget('halfdown', 3, 40, 10)).toBe(8);
  });

  it('reads a mouse report as one wheel press or none, never as typed characters', () => {
    // What Ink hands over for ESC [ < 65 ; 10 ; 5 M: the ESC stripped, no key flag set.
    expect(keyPresses('[<65;10;5M', none)).toEqual([{ name: 'wheeldown', input: '' }]);
    expect(keyPresses('[<64;10;5M', none)).toEqual([{ name: 'wheelup', input: '' }]);
    expect(keyPresses('[<0;10;5M', none)).toEqual([]);
    expect(actionOf(MOVE_KEYS, { name: 'wheeldown', input: '' })).toBe('wheeldown');
    expect(moveTarget('wheeldown', 3, 40, 10)).toBe(6);
    expect(moveTarget('wheelup', 3, 40, 10)).toBe(0);
  });
});
