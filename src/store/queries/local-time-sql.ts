/**
 * Local days, weeks and months (the zone in TZ, as ccusage uses) as plain SQL. SQLite's own
 * 'localtime' modifier asks the C library for every row (~10 µs each); instead the few periods in
 * which the zone keeps one UTC offset are found here, and each row is shifted by its period's
 * offset with a cheap fixed modifier.
 */

/** A period of one UTC offset, up to `until` (exclusive; SQLite datetime text) or for ever. */
export interface OffsetPeriod {
  until: string | null;
  minutes: number;
}

const DAY = 86_400_000;
const QUARTER = 900_000;
/** Minutes to add to UTC for local time at `ms`. */
const shiftAt = (ms: number): number => -new Date(ms).getTimezoneOffset();
const sqlTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The first quarter hour in (lo, hi] whose offset differs from lo's (offsets change on quarters). */
function changeIn(lo: number, hi: number): number {
  const before = shiftAt(lo);
  let a = lo;
  let b = hi;
  while (b - a > QUARTER) {
    const mid = a + Math.floor((b - a) / 2 / QUARTER) * QUARTER;
    if (shiftAt(mid) === before) a = mid;
    else b = mid;
  }
  return b;
}

/** The offset periods covering [fromMs, toMs], found a day at a time and bisected to the quarter. */
export function offsetPeriods(fromMs: number, toMs: number): OffsetPeriod[] {
  const periods: OffsetPeriod[] = [];
  let t = Math.floor(fromMs / DAY) * DAY - DAY;
  const end = toMs + DAY;
  while (t < end) {
    const next = Math.min(t + DAY, end);
    if (shiftAt(next) !== shiftAt(t)) {
      const at = changeIn(t, next);
      periods.push({ until: sqlTime(at), minutes: shiftAt(t) });
      t = at;
    } else t = next;
  }
  periods.push({ until: null, minutes: shiftAt(t) });
  return periods;
}

function bucketOf(by: 'day' | 'week' | 'month', utc: string, minutes: number): string {
  const shift = `'${minutes >= 0 ? '+' : ''}${minutes} minutes'`;
  if (by === 'day') return `date(${utc}, ${shift})`;
  // Weeks start on Monday.
  if (by === 'week') return `date(${utc}, ${shift}, 'weekday 0', '-6 days')`;
  return `strftime('%Y-%m', ${utc}, ${shift})`;
}

/** SQL for the local day/week/month of the ISO timestamp column `ts` (NULL when unparsable). */
export function localBucketSql(by: 'day' | 'week' | 'month', ts: string, periods: readonly OffsetPeriod[]): string {
  const utc = `datetime(${ts})`;
  const last = periods[periods.length - 1] as OffsetPeriod;
  if (periods.length === 1) return bucketOf(by, utc, last.minutes);
  const arms = periods
    .slice(0, -1)
    .map((p) => `WHEN ${utc} < '${p.until}' THEN ${bucketOf(by, utc, p.minutes)}`)
    .join(' ');
  return `CASE ${arms} ELSE ${bucketOf(by, utc, last.minutes)} END`;
}
