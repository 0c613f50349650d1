import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src/api/sessions.js';
import { dailySeries, daysFor } from './team-series.js';

const summary = (created_at: string, tokens: number): SessionSummary =>
  ({ created_at, total_input_tokens: tokens, total_output_tokens: 1 }) as SessionSummary;

describe('dailySeries', () => {
  it('has one point per day, zeros included, and ignores sessions outside the window', () => {
    const now = Date.parse('2026-02-10T15:00:00Z');
    const s = dailySeries(
      [
        summary('2026-02-10T01:00:00Z', 10),
        summary('2026-02-10T23:00:00Z', 5),
        summary('2026-02-08T12:00:00Z', 1),
        summary('2026-01-01T12:00:00Z', 100),
        summary('garbage', 1),
      ],
      3,
      now,
    );
    expect(s).toEqual([
      { day: '2026-02-08', sessions: 1, tokens: 2 },
      { day: '2026-02-09', sessions: 0, tokens: 0 },
      { day: '2026-02-10', sessions: 2, tokens: 17 },
    ]);
  });

  it('charts a sensible number of days per range; all time reaches the oldest session, within a year', () => {
    expect(['24h', '7d', '30d'].map((r) => daysFor(r))).toEqual([2, 7, 30]);
    const now = Date.parse('2026-02-10T15:00:00Z');
    expect(daysFor('all', [summary('2026-01-11T00:00:00Z', 1), summary('bad', 1)], now)).toBe(31);
    expect(daysFor('all', [summary('2026-02-09T00:00:00Z', 1)], now)).toBe(7);
    expect(daysFor('all', [summary('2020-01-01T00:00:00Z', 1)], now)).toBe(365);
    expect(daysFor('all', [], now)).toBe(30);
  });
});
