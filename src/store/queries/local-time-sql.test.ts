import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { localBucketSql, offsetPeriods } from './local-time-sql.js';

const savedTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = savedTz;
});

const pad = (n: number) => String(n).padStart(2, '0');
/** The answer from JavaScript's own local-time conversion. */
function expected(by: 'day' | 'week' | 'month', ms: number): string {
  const d = new Date(ms);
  if (by === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  const month = `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  return by === 'month' ? month : `${month}-${pad(d.getDate())}`;
}

// Zones with DST either way of the equator, half- and quarter-hour offsets, and a 30-minute DST.
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2026, 11, 31);

describe('localBucketSql', () => {
  it.each(ZONES)('matches JavaScript local dates in %s, around every offset change too', (zone) => {
    process.env.TZ = zone;
    const periods = offsetPeriods(FROM, TO);
    const instants: number[] = [];
    for (let t = FROM; t < TO; t += 3_600_000 * 7 + 61_000) instants.push(t);
    // Each side of every change, to the millisecond.
    for (const p of periods)
      if (p.until) for (const d of [-1, 0, 1, 900_000]) instants.push(Date.parse(`${p.until.replace(' ', 'T')}Z`) + d);
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (ts TEXT)');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    for (const ms of instants) ins.run(new Date(ms).toISOString());
    for (const by of ['day', 'week', 'month'] as const) {
      const got = db
        .prepare(`SELECT ts, ${localBucketSql(by, 'ts', periods)} AS b FROM t`)
        .raw()
        .all() as [string, string][];
      const wrong = got.filter(([ts, b]) => b !== expected(by, Date.parse(ts)));
      expect(wrong.slice(0, 3)).toEqual([]);
    }
    if (zone !== 'UTC' && !zone.startsWith('Asia')) expect(periods.length).toBeGreaterThan(2);
    db.close();
  });

  it('takes offset forms and leaves what is not a time as NULL', () => {
    process.env.TZ = 'Asia/Kolkata';
    const periods = offsetPeriods(FROM, TO);
    const db = new Database(':memory:');
    const day = (ts: string) =>
      db
        .prepare(`SELECT ${localBucketSql('day', '?', periods)}`)
        .pluck()
        .get(ts);
    expect(day('2026-03-01T18:29:59.999Z')).toBe('2026-03-01');
    expect(day('2026-03-01T18:30:00Z')).toBe('2026-03-02');
    expect(day('2026-03-02T00:30:00+05:30')).toBe('2026-03-02');
    expect(day('not a time')).toBeNull();
    db.close();
  });
});
