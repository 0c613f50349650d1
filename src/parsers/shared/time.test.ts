import { describe, expect, it } from 'vitest';
import { MonotonicClock, toIso } from './time.js';

/** What toIso returned before its fast path for canonical strings: the round trip through Date. */
const viaDate = (v: string): string | undefined => {
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

describe('toIso', () => {
  it('keeps canonical RFC3339 UTC strings exactly as a round trip through Date would', () => {
    const cases = [
      '2024-02-29T00:00:00.000Z',
      '2000-02-29T12:59:59.999Z',
      '2025-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      // Shaped like the canonical form but not real dates: Date rolls them over or rejects them.
      '2025-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2025-04-31T00:00:00.000Z',
      '2025-13-01T00:00:00.000Z',
      '2025-00-01T00:00:00.000Z',
      '2025-01-00T00:00:00.000Z',
      '2025-01-01T24:00:00.000Z',
      '2025-01-01T23:60:00.000Z',
      '2025-01-01T23:00:60.000Z',
      '2025-01-01T00:00:00.00aZ',
    ];
    for (const c of cases) expect(toIso(c), c).toBe(viaDate(c));
    for (let i = 0; i < 2000; i++) {
      const s = new Date(Math.floor(((i * 7919) % 2000) * 126_701_150_399)).toISOString();
      expect(toIso(s)).toBe(s);
    }
  });

  it('normalizes the other shapes tools write', () => {
    expect(toIso('2025-01-02T03:04:05Z')).toBe('2025-01-02T03:04:05.000Z');
    expect(toIso('2025-01-02 03:04:05')).toBe('2025-01-02T03:04:05.000Z');
    expect(toIso('2025-01-02T03:04:05.123+02:00')).toBe('2025-01-02T01:04:05.123Z');
    expect(toIso(1_735_787_045)).toBe('2025-01-02T03:04:05.000Z');
    expect(toIso('1735787045123')).toBe('2025-01-02T03:04:05.123Z');
    expect(toIso('not a time')).toBeUndefined();
  });
});

describe('MonotonicClock', () => {
  it('never goes back, comparing times rather than text when the forms differ', () => {
    const c = new MonotonicClock();
    expect(c.at('2025-01-02T03:04:05.000Z')).toBe('2025-01-02T03:04:05.000Z');
    expect(c.at('2025-01-02T03:04:04.000Z')).toBe('2025-01-02T03:04:05.000Z');
    expect(c.at('+010000-01-01T00:00:00.000Z')).toBe('+010000-01-01T00:00:00.000Z');
    expect(c.at('2025-01-03T00:00:00.000Z')).toBe('+010000-01-01T00:00:00.000Z');
    expect(c.at(undefined)).toBe('+010000-01-01T00:00:00.000Z');
  });
});
