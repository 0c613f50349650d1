import { describe, expect, it } from 'vitest';
import { cell, clean, cleanLine, displayWidth, truncateTo, wrap } from './text.js';

describe('clean', () => {
  it('removes escape sequences and control characters, keeps newlines, turns tabs into spaces', () => {
    expect(clean('a\u001b[31mred\u001b[0m\u001b]0;title\u0007\tb\r\nc\u0007')).toBe('ared  b\nc');
  });

  it('cleanLine puts everything on one line', () => {
    expect(cleanLine('  one\n\ntwo\u001b]52;c;aGk=\u0007  ')).toBe('one two');
  });
});

describe('widths', () => {
  it('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('世界')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🎉')).toBe(2);
  });

  it('truncates to a width with an ellipsis, never splitting a wide character', () => {
    expect(truncateTo('hello world', 6)).toBe('hello…');
    expect(truncateTo('世界你好', 5)).toBe('世界…');
    expect(truncateTo('short', 10)).toBe('short');
    expect(truncateTo('x', 0)).toBe('');
  });

  it('cell pads to an exact width, left or right aligned', () => {
    expect(cell('ab', 4)).toBe('ab  ');
    expect(cell('ab', 4, 'right')).toBe('  ab');
    expect(displayWidth(cell('世界你好', 5))).toBe(5);
  });
});

describe('wrap', () => {
  it('breaks at spaces, hard-breaks long words, and keeps blank lines', () => {
    expect(wrap('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('a\n\nb', 10)).toEqual(['a', '', 'b']);
  });

  it('never makes a line wider than asked, wide characters included', () => {
    for (const line of wrap('世界你好世界你好 mixed 世界 text', 7)) expect(displayWidth(line)).toBeLessThanOrEqual(7);
  });
});
