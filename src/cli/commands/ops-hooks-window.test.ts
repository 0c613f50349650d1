import { describe, expect, it } from 'vitest';
import { activitySince, windowStart } from './ops-hooks-window.js';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('windowStart', () => {
  it('accepts relative durations', () => {
    expect(windowStart('12h', NOW)?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(windowStart('30m', NOW)?.toISOString()).toBe('2026-03-01T11:30:00.000Z');
    expect(windowStart('2 days', NOW)?.toISOString()).toBe('2026-02-27T12:00:00.000Z');
  });

  it('refuses dates and words: a window is a length of time', () => {
    for (const bad of ['2026-01-01', 'today', 'soon', '', '12']) expect(windowStart(bad, NOW)).toBeUndefined();
  });
});

describe('activitySince', () => {
  const from = new Date('2026-03-01T00:00:00Z');
  it('is the later of the window start and the last commit', () => {
    expect(activitySince(from, new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(activitySince(from, new Date('2026-02-01T00:00:00Z'))).toBe(from);
    expect(activitySince(from, undefined)).toBe(from);
  });
});
