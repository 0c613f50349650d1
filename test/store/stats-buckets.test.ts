import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { HailEvent } from '../../src/hail/session.js';
import { type Db, indexPath, openIndex } from '../../src/store/db.js';
import { indexSources } from '../../src/store/indexer.js';
import { usageStats } from '../../src/store/queries/stats.js';
import { sampleSession } from '../fixtures/sample-session.js';
import { hailDirParser } from '../support/hail-dir-parser.js';

// Days follow the local time zone. India is UTC+05:30, so local midnight is 18:30 UTC: a
// bucketing that rounds to whole UTC hours, or ignores the zone, puts these calls on the wrong day.
const CALLS: [string, number][] = [
  ['2026-03-01T18:29:59.999Z', 1], // 23:59:59 local, 1 March
  ['2026-03-01T18:30:00Z', 10], // 00:00 local, 2 March
  ['2026-03-08T18:44:00+00:00', 100], // an offset form, 2 March week + 1: Monday 9 March
  ['2026-03-31T18:30:00.000Z', 1000], // 1 April local
];

let home: string;
let db: Db;
let savedTz: string | undefined;

function call([timestamp, tokens]: [string, number], i: number): HailEvent {
  return {
    event_id: `u${i}`,
    timestamp,
    event_type: { type: 'AgentMessage' },
    content: { blocks: [{ type: 'Text', text: 'ok' }] },
    attributes: { model: 'claude-opus-4-6', input_tokens: tokens, output_tokens: 0 },
  };
}

beforeAll(async () => {
  savedTz = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata';
  home = mkdtempSync(join(tmpdir(), 'os-stats-tz-'));
  mkdirSync(join(home, 'hail'));
  const s = sampleSession({ session_id: 'tz' });
  s.events = CALLS.map(call);
  writeFileSync(join(home, 'hail', 'tz.hail.jsonl'), toHailJsonl(s));
  db = openIndex(indexPath(join(home, 'data')));
  await indexSources({ db, dataDir: join(home, 'data'), roots: { home, env: {} }, parsers: [hailDirParser] });
});

afterAll(() => {
  db.close();
  rmSync(home, { recursive: true, force: true });
  process.env.TZ = savedTz;
});

const tokensBy = (by: 'day' | 'week' | 'month') =>
  Object.fromEntries(usageStats(db, by).rows.map((r) => [r.key, r.input_tokens]));

describe('usage stats in local time', () => {
  it('puts each call on its local day, to the millisecond around midnight', () => {
    expect(tokensBy('day')).toMatchObject({ '2026-03-01': 1, '2026-03-02': 10, '2026-03-09': 100, '2026-04-01': 1000 });
  });

  it('groups weeks from Monday and months by local date', () => {
    expect(tokensBy('week')).toMatchObject({
      '2026-02-23': 1,
      '2026-03-02': 10,
      '2026-03-09': 100,
      '2026-03-30': 1000,
    });
    expect(tokensBy('month')).toMatchObject({ '2026-03': 111, '2026-04': 1000 });
  });

  it('keeps the totals whatever the grouping', () => {
    expect(usageStats(db, 'day').totals.input_tokens).toBe(1111);
  });
});
