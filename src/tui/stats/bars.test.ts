import { describe, expect, it } from 'vitest';
import { bar } from './bars.js';

describe('bar', () => {
  it('is as long as value / max of the width, in eighths', () => {
    expect(bar(10, 10, 8)).toBe('████████');
    expect(bar(5, 10, 8)).toBe('████');
    expect(bar(1, 16, 1)).toBe('▏');
  });

  it('is empty for nothing, and never longer than the width', () => {
    expect(bar(0, 10, 8)).toBe('');
    expect(bar(3, 0, 8)).toBe('');
    expect(bar(20, 10, 8)).toBe('████████');
  });

  it('shows a sliver for any non-zero value', () => {
    expect(bar(1, 1_000_000, 10)).toBe('▏');
  });
});
