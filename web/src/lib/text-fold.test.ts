import { describe, expect, it } from 'vitest';
import { foldText } from './text-fold.js';

describe('foldText', () => {
  it('keeps short text whole', () => {
    expect(foldText('a\nb', 5)).toEqual({ head: 'a\nb', hiddenLines: 0, hiddenChars: 0 });
  });

  it('cuts at a line count and says how much is hidden', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    const f = foldText(text, 3);
    expect(f.head).toBe('line 0\nline 1\nline 2');
    expect(f.hiddenLines).toBe(7);
    expect(f.head.length + 1 + f.hiddenChars).toBe(text.length);
  });

  it('cuts one huge line at the character budget', () => {
    const f = foldText('x'.repeat(5000), 15, 100);
    expect(f.head).toHaveLength(100);
    expect(f.hiddenChars).toBe(4900);
  });
});
