import { describe, expect, it } from 'vitest';
import { parseTimeBound } from './time-bound.js';

// Local midnight depends on TZ; the CLI tests pin TZ=UTC, here the expectations are built
// from local dates so they hold in any zone.
const now = new Date(2026, 1, 10, 15, 30, 0);
const iso = (text: string) => parseTimeBound(text, now)?.toISOString();

describe('valid', () => {
  it('reads dates and date-times', () => {
    expect(iso('2026-02-01')).toBe('2026-02-01T00:00:00.000Z');
    expect(iso('2026-02-01T09:12:00Z')).toBe('2026-02-01T09:12:00.000Z');
    expect(iso('2026-02-01T09:12:00+02:00')).toBe('2026-02-01T07:12:00.000Z');
  });
  it('reads today and yesterday as local midnight', () => {
    expect(iso('today')).toBe(new Date(2026, 1, 10).toISOString());
    expect(iso('Yesterday')).toBe(new Date(2026, 1, 9).toISOString());
  });
  it('reads relative spans, long and compact', () => {
    expect(iso('3 days ago')).toBe(new Date(2026, 1, 7, 15, 30).toISOString());
    expect(iso('3d')).toBe(new Date(2026, 1, 7, 15, 30).toISOString());
    expect(iso('2 weeks')).toBe(new Date(2026, 0, 27, 15, 30).toISOString());
    expect(iso('90m')).toBe(new Date(2026, 1, 10, 14, 0).toISOString());
    expect(iso('12 hours ago')).toBe(new Date(2026, 1, 10, 3, 30).toISOString());
    expect(iso('1mo')).toBe(new Date(2026, 0, 10, 15, 30).toISOString());
    expect(iso('2 months ago')).toBe(new Date(2025, 11, 10, 15, 30).toISOString());
  });
});

describe('invalid', () => {
  it.each(['', 'last tuesday', '1', 'March', '2026-13-45', '3 fortnights', 'ago'])('%j is not a time', (text) => {
    expect(parseTimeBound(text, now)).toBeUndefined();
  });
});
