import { appendFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLine, toHailJsonl } from '../../src/hail/jsonl-write.js';
import { archivePath, readArchive } from '../../src/store/archive.js';
import type { Db } from '../../src/store/db.js';
import { indexSources } from '../../src/store/indexer.js';
import { listSessions } from '../../src/store/queries/log.js';
import { resolveRef } from '../../src/store/queries/refs.js';
import { searchEvents } from '../../src/store/queries/search.js';
import { usageStats } from '../../src/store/queries/stats.js';
import { sampleSession } from '../fixtures/sample-session.js';
import { hailDirParser } from '../support/hail-dir-parser.js';
import { dropTempIndex, makeTempIndex } from '../support/temp-index.js';

let home: string;
let dataDir: string;
let db: Db;

const roots = () => ({ home, env: {} });
const run = () => indexSources({ db, dataDir, roots: roots(), parsers: [hailDirParser] });

function writeSession(name: string, id: string, title: string): string {
  const file = join(home, 'hail', `${name}.hail.jsonl`);
  const s = sampleSession({ session_id: id });
  s.context.title = title;
  writeFileSync(
    file,
    toHailJsonl(s)
      .split('\n')
      .filter((l) => !l.includes('"type":"stats"'))
      .join('\n'),
  );
  return file;
}

beforeEach(() => {
  ({ home, dataDir, db } = makeTempIndex('os-index-'));
});

afterEach(() => dropTempIndex({ home, db }));

describe('indexSources', () => {
  it('indexes new sources, then parses zero files when nothing changed', async () => {
    writeSession('a', 'sess-a', 'Fix auth');
    writeSession('b', 'sess-b', 'Add search');
    const first = await run();
    expect(first.totals).toMatchObject({ found: 2, parsed: 2, skipped: 0, sessions: 2 });
    const second = await run();
    expect(second.totals).toMatchObject({ found: 2, parsed: 0, appended: 0, skipped: 2 });
    expect(
      listSessions(db)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['sess-a', 'sess-b']);
  });

  it('resumes an appended file at its offset and adds only the new events', async () => {
    const file = writeSession('a', 'sess-a', 'Fix auth');
    await run();
    const extra = {
      event_id: 'e8',
      timestamp: '2026-01-01T00:01:00Z',
      event_type: { type: 'UserMessage' as const },
      content: { blocks: [{ type: 'Text' as const, text: 'now update the zebra changelog' }] },
    };
    const before = statSync(file).size;
    appendFileSync(file, `${eventLine(extra)}\n`);
    // Work count, not time: the parser is asked for the new bytes only.
    const reads: (number | undefined)[] = [];
    const counting = {
      ...hailDirParser,
      parse: (path: string, opts?: Parameters<typeof hailDirParser.parse>[1]) => {
        reads.push(opts?.fromOffset);
        return hailDirParser.parse(path, opts);
      },
    };
    const r = await indexSources({ db, dataDir, roots: roots(), parsers: [counting] });
    expect(reads).toEqual([before]);
    expect(r.totals).toMatchObject({ parsed: 0, appended: 1 });
    const [s] = listSessions(db);
    expect(s).toMatchObject({ id: 'sess-a', event_count: 8, message_count: 3, duration_seconds: 60 });
    expect(searchEvents(db, 'zebra')[0]).toMatchObject({ session_id: 'sess-a', seq: 7, event_id: 'e8' });
    // The archive got the appended event too.
    const { session } = await readArchive(archivePath(dataDir, 'claude-code', 'sess-a'));
    expect(session.events.map((e) => e.event_id).at(-1)).toBe('e8');
  });

  it('keeps sessions whose source file was deleted, marked and readable from the archive', async () => {
    const file = writeSession('a', 'sess-a', 'Fix auth');
    await run();
    rmSync(file);
    const r = await run();
    expect(r.removed).toBe(1);
    const [s] = listSessions(db);
    expect(s).toMatchObject({ id: 'sess-a', source_deleted: true });
    const { session } = await readArchive(archivePath(dataDir, 'claude-code', 'sess-a'));
    expect(session.events).toHaveLength(7);
  });

  it('re-parses a file rewritten in place', async () => {
    writeSession('a', 'sess-a', 'Fix auth');
    await run();
    writeSession('a', 'sess-a', 'Renamed title that is longer');
    const r = await run();
    expect(r.totals.parsed).toBe(1);
    expect(listSessions(db)[0]?.title).toBe('Renamed title that is longer');
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(7);
  });
});

describe('queries', () => {
  beforeEach(async () => {
    writeSession('a', 'aaa111', 'Fix auth');
    writeSession('b', 'bbb222', 'Add search');
    await run();
  });

  it('search names the matching event and quotes FTS metacharacters', () => {
    const hits = searchEvents(db, 'token expiry');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ kind: 'AgentMessage', event_id: 'e7' });
    expect(hits[0]?.snippet).toContain('token expiry');
    expect(hits[0]?.highlights.length).toBeGreaterThanOrEqual(2);
    for (const q of ['"unbalanced', 'a AND OR NOT', 'x* (y) NEAR/2', "'; DROP TABLE sessions; --"])
      expect(() => searchEvents(db, q)).not.toThrow();
  });

  it('resolves HEAD, prefixes and reports ambiguity', () => {
    expect(resolveRef(db, 'aaa')).toEqual({ kind: 'session', id: 'aaa111' });
    expect(resolveRef(db, 'bbb222')).toEqual({ kind: 'session', id: 'bbb222' });
    expect(resolveRef(db, 'HEAD').kind).toBe('session');
    expect(() => resolveRef(db, 'HEAD~5')).toThrow(/only 5/);
    expect(() => resolveRef(db, 'zzz')).toThrow(/no session/);
  });

  it('stats total the tokens and sessions', () => {
    const r = usageStats(db, 'tool');
    expect(r.totals).toMatchObject({ sessions: 2, input_tokens: 2400, output_tokens: 160 });
    expect(r.rows[0]).toMatchObject({ key: 'claude-code', sessions: 2 });
    expect(r.totals.cost_usd).toBeGreaterThan(0);
  });
});
