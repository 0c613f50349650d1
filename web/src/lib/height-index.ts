/**
 * Heights of a long list of rows, most only estimated until drawn, with O(log n) updates and
 * position queries (a Fenwick tree): a 5,000-event timeline is re-measured continually while
 * scrolling, and a prefix sum recomputed on every measure would not keep up.
 */
export class HeightIndex {
  private tree: Float64Array;
  private heights: Float64Array;
  private measured: Uint8Array;

  constructor(
    private n: number,
    private estimate: number,
  ) {
    this.heights = new Float64Array(n).fill(estimate);
    this.measured = new Uint8Array(n);
    this.tree = new Float64Array(n + 1);
    this.rebuild();
  }

  get length(): number {
    return this.n;
  }

  private rebuild(): void {
    this.tree.fill(0);
    for (let i = 0; i < this.n; i++) {
      this.tree[i + 1]! += this.heights[i]!;
      const parent = i + 1 + ((i + 1) & -(i + 1));
      if (parent <= this.n) this.tree[parent]! += this.tree[i + 1]!;
    }
  }

  /** Records a drawn row's real height; returns the change (0 when it was already known). */
  set(i: number, height: number): number {
    if (i < 0 || i >= this.n) return 0;
    const delta = height - this.heights[i]!;
    this.measured[i] = 1;
    if (delta === 0) return 0;
    this.heights[i] = height;
    for (let j = i + 1; j <= this.n; j += j & -j) this.tree[j]! += delta;
    return delta;
  }

  height(i: number): number {
    return this.heights[i] ?? 0;
  }

  isMeasured(i: number): boolean {
    return this.measured[i] === 1;
  }

  /** Top of row i (the sum of the heights before it). */
  offset(i: number): number {
    let sum = 0;
    for (let j = Math.min(Math.max(i, 0), this.n); j > 0; j -= j & -j) sum += this.tree[j]!;
    return sum;
  }

  total(): number {
    return this.offset(this.n);
  }

  /** The row at vertical position y (clamped to the list). */
  indexAt(y: number): number {
    if (this.n === 0) return 0;
    let pos = 0;
    let rest = y;
    let step = 1;
    while (step * 2 <= this.n) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.n && this.tree[next]! <= rest) {
        pos = next;
        rest -= this.tree[next]!;
      }
    }
    return Math.min(pos, this.n - 1);
  }

  /** Grows (new rows estimated) or shrinks the list, keeping known heights. */
  resize(n: number): void {
    if (n === this.n) return;
    const heights = new Float64Array(n).fill(this.estimate);
    const measured = new Uint8Array(n);
    heights.set(this.heights.subarray(0, Math.min(n, this.n)));
    measured.set(this.measured.subarray(0, Math.min(n, this.n)));
    this.heights = heights;
    this.measured = measured;
    this.n = n;
    this.tree = new Float64Array(n + 1);
    this.rebuild();
  }
}

/** The rows to draw for a viewport: those intersecting it, plus `overscan` pixels each side. */
export function visibleRange(
  index: HeightIndex,
  scrollTop: number,
  viewport: number,
  overscan: number,
): { start: number; end: number } {
  if (index.length === 0) return { start: 0, end: 0 };
  const start = index.indexAt(Math.max(0, scrollTop - overscan));
  const end = index.indexAt(scrollTop + viewport + overscan) + 1;
  return { start, end: Math.min(end, index.length) };
}
