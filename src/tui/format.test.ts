import { describe, expect, it } from 'vitest';
import { compactNumber, formatCost, shortTime } from './format.js';

describe('format', () => {
  it('compacts numbers to at most five columns', () => {
    expect(compactNumber(950)).toBe('950');
    expect(compactNumber(1234)).toBe('1.2K');
    expect(compactNumber(123_456)).toBe('123K');
    expect(compactNumber(4_100_000_000)).toBe('4.1B');
  });

  it('shows a clock today, a day this year, a date before', () => {
    const now = new Date(2026, 5, 15, 18, 0);
    expect(shortTime(new Date(2026, 5, 15, 9, 5).toISOString(), now)).toBe('09:05');
    expect(shortTime(new Date(2026, 2, 2, 9, 5).toISOString(), now)).toBe('Mar 02');
    expect(shortTime(new Date(2025, 10, 30, 9, 5).toISOString(), now)).toBe('2025-11-30');
    expect(shortTime('not a date', now)).toBe('?');
  });

  it('prints costs in dollars', () => {
    expect(formatCost(1.234)).toBe('$1.23');
    expect(formatCost(4714.2)).toBe('$4714');
  });
});
