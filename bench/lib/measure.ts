/** Repeats `fn` after a warm-up and reports the median and spread, in milliseconds. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export async function measure(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]!, max: times.at(-1)!, runs };
}

export const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

export function fmtTiming(t: Timing): string {
  return `median ${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}, n=${t.runs})`;
}

/** Peak resident set size of this process so far, in MB (Linux high-water mark). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Times `a` and `b` alternately (a, b, a, b …) so both see the same machine load, and
 * reports each median plus the median of the per-pair ratios b/a — steadier than dividing
 * two medians taken minutes apart on a busy machine.
 */
export async function measurePair(
  a: () => unknown | Promise<unknown>,
  b: () => unknown | Promise<unknown>,
  runs = 7,
  warmup = 1,
): Promise<{ a: Timing; b: Timing; ratio: number }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
    ratios.push((tb.at(-1) as number) / (ta.at(-1) as number));
  }
  return { a: summarize(ta), b: summarize(tb), ratio: summarize(ratios).median };
}

function summarize(xs: number[]): Timing {
  const s = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, min: s[0] as number, max: s.at(-1) as number, runs: s.length };
}
