import { describe, expect, it } from 'vitest';
import { capText, fitItems, RESERVE, takeFitting } from './budget.js';

const line = (s: string) => s;

describe('fitItems', () => {
  it('keeps the leading items whose JSON and lines fit, and counts the rest', () => {
    const items = Array.from({ length: 10 }, () => 'x'.repeat(98));
    // Each item: 100 chars of JSON (quoted) + 1, 98 chars of text + 1.
    const { kept, omitted } = fitItems(items, RESERVE + 350, line);
    expect(kept).toHaveLength(3);
    expect(omitted).toBe(7);
  });

  it('keeps everything under budget', () => {
    expect(fitItems(['a', 'b'], 10_000, line)).toEqual({ kept: ['a', 'b'], omitted: 0 });
  });
});

describe('takeFitting', () => {
  it('pulls from a generator only until the budget is spent', () => {
    let made = 0;
    function* items() {
      for (;;) {
        made++;
        yield 'y'.repeat(200);
      }
    }
    expect(takeFitting(items(), RESERVE + 1000, line)).toHaveLength(4);
    expect(made).toBe(5);
  });
});

describe('capText', () => {
  it('cuts text over budget and says so', () => {
    const out = capText('z'.repeat(500), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/cut to fit the output budget\)$/);
    expect(capText('short', 100)).toBe('short');
  });
});
