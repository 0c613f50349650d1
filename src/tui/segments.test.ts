import { describe, expect, it } from 'vitest';
import { highlight, promptLine, statusLine } from './segments.js';
import { displayWidth } from './text.js';

const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('segments', () => {
  it('highlights every occurrence of every term, case-insensitive, keeping the text', () => {
    const h = highlight('Bun or bun? BUNDLE', ['bun']);
    expect(text(h)).toBe('Bun or bun? BUNDLE');
    expect(h.filter((s) => s.tone === 'match').map((s) => s.text)).toEqual(['Bun', 'bun', 'BUN']);
    expect(highlight('plain', [])).toEqual([{ text: 'plain' }]);
  });

  it('a status line fills the width exactly, cutting the left part first', () => {
    const l = statusLine('10,000 sessions', '1/10000 · ? help', 40);
    expect(displayWidth(text(l.segments))).toBe(40);
    expect(l.inverse).toBe(true);
    const cut = statusLine('x'.repeat(100), 'right side', 30);
    expect(displayWidth(text(cut.segments))).toBe(30);
    expect(text(cut.segments).endsWith('right side')).toBe(true);
  });

  it('a prompt shows its label, the text and a cursor block while typing', () => {
    expect(text(promptLine('/ ', 'bun', true, 40).segments)).toBe('/ bun█');
    expect(text(promptLine('/ ', 'bun', false, 40).segments)).toBe('/ bun');
  });
});
