import { describe, expect, it } from 'vitest';
import { HeightIndex, visibleRange } from './height-index.js';

describe('HeightIndex', () => {
  it('sums estimated and measured heights and finds the row at a position', () => {
    const h = new HeightIndex(5, 10);
    expect(h.total()).toBe(50);
    expect(h.set(1, 30)).toBe(20);
    expect(h.set(1, 30)).toBe(0);
    expect(h.isMeasured(1)).toBe(true);
    expect(h.isMeasured(2)).toBe(false);
    expect([0, 1, 2, 3, 4, 5].map((i) => h.offset(i))).toEqual([0, 10, 40, 50, 60, 70]);
    expect(h.indexAt(0)).toBe(0);
    expect(h.indexAt(9.5)).toBe(0);
    expect(h.indexAt(10)).toBe(1);
    expect(h.indexAt(39)).toBe(1);
    expect(h.indexAt(40)).toBe(2);
    expect(h.indexAt(1e9)).toBe(4);
  });

  it('agrees with a plain prefix sum under random updates', () => {
    const n = 257;
    const h = new HeightIndex(n, 50);
    const plain = new Array<number>(n).fill(50);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let k = 0; k < 2000; k++) {
      const i = Math.floor(rand() * n);
      const v = Math.round(rand() * 400) + 1;
      h.set(i, v);
      plain[i] = v;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      expect(h.offset(i)).toBe(sum);
      expect(h.indexAt(sum)).toBe(i);
      sum += plain[i] as number;
    }
    expect(h.total()).toBe(sum);
  });

  it('keeps measured heights when the list grows or shrinks', () => {
    const h = new HeightIndex(3, 10);
    h.set(0, 100);
    h.resize(5);
    expect(h.total()).toBe(140);
    expect(h.isMeasured(0)).toBe(true);
    h.resize(1);
    expect(h.total()).toBe(100);
  });
});

describe('visibleRange', () => {
  it('covers the viewport plus overscan, clamped to the list', () => {
    const h = new HeightIndex(100, 20);
    expect(visibleRange(h, 400, 200, 40)).toEqual({ start: 18, end: 33 });
    expect(visibleRange(h, 0, 200, 1000)).toEqual({ start: 0, end: 61 });
    expect(visibleRange(new HeightIndex(0, 20), 0, 100, 0)).toEqual({ start: 0, end: 0 });
  });
});
