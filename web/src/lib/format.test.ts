import { describe, expect, it } from 'vitest';
import { compactNumber, displayTitle, plural, timeAgo, toolBadge, toolLabel } from './format.js';

describe('format', () => {
  it('shortens large numbers', () => {
    expect([0, 999, 1234, 15_500, 2_500_000, 3e9].map(compactNumber)).toEqual([
      '0',
      '999',
      '1.2k',
      '15.5k',
      '2.5M',
      '3B',
    ]);
  });

  it('says how long ago, both ways', () => {
    const now = Date.parse('2026-02-01T12:00:00Z');
    expect(timeAgo('2026-02-01T11:59:50Z', now)).toBe('just now');
    expect(timeAgo('2026-02-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-01-31T12:00:00Z', now)).toBe('yesterday');
    expect(timeAgo('not a date', now)).toBe('not a date');
  });

  it('names tools and badges them', () => {
    expect(toolLabel('claude-code')).toBe('Claude Code');
    expect(toolLabel('newtool')).toBe('newtool');
    expect(toolBadge('claude-code')).toBe('Cc');
    expect(toolBadge('codex')).toBe('Co');
  });

  it('titles sessions without the tags some tools leave in them', () => {
    expect(displayTitle({ title: '<command-name>/clear</command-name>  fix it' })).toBe('/clear fix it');
    expect(displayTitle({ title: ' ', description: 'desc' })).toBe('desc');
    expect(displayTitle({})).toBe('Untitled session');
  });

  it('pluralises', () => {
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
