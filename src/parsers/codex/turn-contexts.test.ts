import { describe, expect, it } from 'vitest';
import { TurnContextLines } from './turn-contexts.js';

const line = (ts: string, payload: string, extra = '') =>
  `{"timestamp":"${ts}","type":"turn_context","payload":${payload}${extra}}`;

describe('TurnContextLines', () => {
  it('returns what JSON.parse returns, for repeated, changed and unusual turn_context lines', () => {
    const big = JSON.stringify({ model: 'gpt-5', cwd: '/w', instructions: 'x'.repeat(5000) });
    const lines = [
      line('2025-01-01T00:00:00.000Z', big),
      line('2025-01-01T00:00:01.000Z', big),
      line('2025-01-01T00:00:02.000Z', big),
      line('2025-01-01T00:00:03.000Z', JSON.stringify({ model: 'gpt-5.1', cwd: '/w' })),
      line('2025-01-01T00:00:04.000Z', JSON.stringify({ model: 'gpt-5.1', cwd: '/w' })),
      // A later `timestamp` key wins in JSON.parse; the line is never reused from the cache.
      line('2025-01-01T00:00:05.000Z', big, ',"timestamp":"late"'),
      line('2025-01-01T00:00:06.000Z', big, ',"timestamp":"late"'),
      line('2025-01-01T00:00:07.000Z', big, ',"type":"other"'),
      line('2025-01-01T00:00:08.000Z', big, ',"type":"other"'),
      line('2025-01-01T00:00:09\\u0030.000Z', big),
      '{"timestamp":"2025-01-01T00:00:10.000Z","type":"event_msg","payload":{"type":"token_count"}}',
      line('2025-01-01T00:00:11.000Z', big).slice(0, -3),
      'not json',
    ];
    const t = new TurnContextLines();
    for (const l of lines) {
      let expected: unknown;
      try {
        expected = JSON.parse(l);
      } catch {
        expected = undefined;
      }
      expect(t.parse(l), l.slice(0, 80)).toEqual(expected);
    }
  });

  it('skips JSON.parse for a line that repeats the previous turn context', () => {
    const t = new TurnContextLines();
    const payload = JSON.stringify({ model: 'gpt-5', cwd: '/w' });
    const first = t.parse(line('2025-01-01T00:00:00.000Z', payload)) as { payload: unknown };
    const second = t.parse(line('2025-01-01T00:00:01.000Z', payload)) as { payload: unknown; timestamp: string };
    expect(second.payload).toBe(first.payload);
    expect(second.timestamp).toBe('2025-01-01T00:00:01.000Z');
  });
});
