import { appendFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLine, toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { HailEvent } from '../../src/hail/session.js';
import type { Db } from '../../src/store/db.js';
import { indexSources } from '../../src/store/indexer.js';
import { quarterKeySql } from '../../src/store/quarter-key.js';
import { usageStats } from '../../src/store/queries/stats.js';
import { IndexWriter } from '../../src/store/writer.js';
import { sampleSession } from '../fixtures/sample-session.js';
import { hailDirParser } from '../support/hail-dir-parser.js';
import { dropTempIndex, makeTempIndex } from '../support/temp-index.js';

let home: string;
let dataDir: string;
let db: Db;

const run = () => indexSources({ db, dataDir, roots: { home, env: {} }, parsers: [hailDirParser] });

let n = 0;
function call(timestamp: string, model: string, tokens: number): HailEvent {
  return {
    event_id: `u${n++}`,
    timestamp,
    event_type: { type: 'AgentMessage' },
    content: { blocks: [{ type: 'Text', text: 'ok' }] },
    attributes: { model, input_tokens: tokens, output_tokens: tokens * 2, cache_read_input_tokens: 1 },
  };
}

function writeSession(id: string, events: HailEvent[]): string {
  const s = sampleSession({ session_id: id });
  s.events = events;
  const file = join(home, 'hail', `${id}.hail.jsonl`);
  writeFileSync(file, toHailJsonl(s));
  return file;
}

/** Usage summed per session, quarter hour and model, straight from the model calls. */
function fromCalls(): unknown[] {
  return db
    .prepare(
      `SELECT session_id, ${quarterKeySql('ts')} AS quarter, model, COUNT(*) AS calls, SUM(input_tokens) AS input_tokens,
        SUM(output_tokens) AS output_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
        SUM(cache_creation_tokens) AS cache_creation_tokens
       FROM usage GROUP BY session_id, quarter, model ORDER BY session_id, quarter, model`,
    )
    .all();
}

const rollup = () => db.prepare('SELECT * FROM usage_rollup ORDER BY session_id, quarter, model').all();

beforeEach(() => {
  ({ home, dataDir, db } = makeTempIndex('os-rollup-'));
});

afterEach(() => dropTempIndex({ home, db }));

describe('usage rollup', () => {
  it('equals the model calls after insert, append, rewrite and delete', async () => {
    const a = writeSession('a', [
      call('2026-03-01T10:14:59Z', 'claude-opus-4-6', 5),
      call('2026-03-01T10:15:00Z', 'claude-opus-4-6', 7),
      call('2026-03-01T10:16:00Z', 'claude-sonnet-4-5', 11),
      call('2026-03-01T10:20:00+05:30', 'claude-opus-4-6', 13),
    ]);
    writeSession('b', [call('2026-03-02T23:59:00Z', 'gpt-5', 17)]);
    await run();
    expect(rollup()).toEqual(fromCalls());
    // 10:15 and 10:16 share a quarter; the offset form keeps its own key.
    expect(rollup()).toHaveLength(5);

    appendFileSync(a, `${eventLine(call('2026-03-01T10:29:00Z', 'claude-opus-4-6', 19))}\n`);
    expect((await run()).totals).toMatchObject({ appended: 1 });
    expect(rollup()).toEqual(fromCalls());
    expect(rollup()).toHaveLength(5);

    writeSession('a', [call('2026-03-05T00:00:00Z', 'claude-opus-4-6', 23)]);
    await run();
    expect(rollup()).toEqual(fromCalls());

    new IndexWriter(db).deleteSession('b');
    expect(rollup()).toEqual(fromCalls());
    expect(db.prepare("SELECT COUNT(*) FROM usage_rollup WHERE session_id = 'b'").pluck().get()).toBe(0);

    unlinkSync(a);
    await run();
    expect(rollup()).toEqual(fromCalls());
  });

  it('gives reports without a time window the same figures as reading every call', async () => {
    writeSession('a', [
      call('2026-03-01T18:29:00Z', 'claude-opus-4-6', 3),
      call('2026-03-01T18:31:00Z', 'claude-opus-4-6', 5),
      call('2026-04-01T01:00:00Z', 'claude-sonnet-4-5', 7),
    ]);
    writeSession('b', [call('2026-03-09T12:00:00Z', 'gpt-5', 11)]);
    await run();
    const wide = { since: '1970-01-01T00:00:00Z', until: '9999-01-01T00:00:00Z' };
    for (const by of ['day', 'week', 'month', 'tool', 'model', 'project', 'total'] as const) {
      const rolled = usageStats(db, by);
      expect(rolled).toEqual(usageStats(db, by, wide));
      expect(rolled.totals.input_tokens).toBe(26);
    }
  });
});
