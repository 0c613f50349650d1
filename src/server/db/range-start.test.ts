import { describe, expect, it } from 'vitest';
import { rangeStart } from './session-list.js';

describe('rangeStart', () => {
  it('starts a relative range on the whole minute, so repeated requests share one query', () => {
    const a = rangeStart('24h', new Date('2026-03-02T10:15:42.123Z'));
    const b = rangeStart('24h', new Date('2026-03-02T10:15:59.999Z'));
    expect(a).toBe('2026-03-01T10:15:00.000Z');
    expect(b).toBe(a);
    expect(rangeStart('7d', new Date('2026-03-08T00:00:30Z'))).toBe('2026-03-01T00:00:00.000Z');
    expect(rangeStart('all', new Date())).toBeUndefined();
  });
});
