import { describe, expect, it } from 'vitest';
import { jumpTo, moveTo, START } from './viewport.js';

describe('moveTo', () => {
  it('scrolls as little as possible to keep the cursor visible', () => {
    let v = START;
    v = moveTo(v, 5, 100, 10);
    expect(v).toEqual({ cursor: 5, top: 0 });
    v = moveTo(v, 12, 100, 10);
    expect(v).toEqual({ cursor: 12, top: 3 });
    v = moveTo(v, 2, 100, 10);
    expect(v).toEqual({ cursor: 2, top: 2 });
  });

  it('clamps to the list, and to the start when it is empty', () => {
    expect(moveTo(START, 500, 100, 10)).toEqual({ cursor: 99, top: 90 });
    expect(moveTo(START, -3, 100, 10)).toEqual({ cursor: 0, top: 0 });
    expect(moveTo({ cursor: 50, top: 45 }, 50, 0, 10)).toEqual(START);
  });

  it('after a shrink keeps the cursor within the new length', () => {
    expect(moveTo({ cursor: 90, top: 85 }, 90, 20, 10)).toEqual({ cursor: 19, top: 10 });
  });
});

describe('jumpTo', () => {
  it('shows a far target a third of the way down', () => {
    expect(jumpTo(START, 60, 100, 12)).toEqual({ cursor: 60, top: 56 });
  });

  it('does not scroll when the target is already visible', () => {
    expect(jumpTo({ cursor: 0, top: 0 }, 5, 100, 12)).toEqual({ cursor: 5, top: 0 });
  });
});
