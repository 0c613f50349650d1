import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootsFromEnv } from '../../src/parsers/discover.js';
import { type Db, indexPath, openIndex } from '../../src/store/db.js';
import { type IndexOptions, indexSources } from '../../src/store/indexer.js';
import { corpusHome, MIXED_HOME } from '../support/corpus-home.js';

// Big runs commit on a writer thread (see write-queue.ts); small ones on the calling thread.
// Both must leave exactly the same index.

let home: string;
const dbs: Db[] = [];

function open(name: string): { db: Db; dataDir: string } {
  const dataDir = join(home, name);
  const db = openIndex(indexPath(dataDir));
  dbs.push(db);
  return { db, dataDir };
}

const run = (db: Db, dataDir: string, writer: IndexOptions['writer']) =>
  indexSources({ db, dataDir, roots: rootsFromEnv({}, home), writer, sliceBytes: 64 * 1024 });

/** Every stored row that does not depend on when or where the run happened. */
function contents(db: Db): Record<string, unknown[]> {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    sources: q('SELECT tool, size, byte_offset, status, warning_count, resume FROM sources ORDER BY path'),
    sessions: q('SELECT * FROM sessions ORDER BY id').map((r) => ({
      ...(r as Record<string, unknown>),
      archive_path: null,
      source_id: null,
    })),
    events: q(
      'SELECT session_id, seq, event_id, ts, kind, tool_name, path, task_id, text FROM events ORDER BY session_id, seq',
    ),
    usage: q(
      'SELECT session_id, ts, model, input_tokens, output_tokens FROM usage ORDER BY session_id, ts, event_rowid',
    ),
    rollup: q('SELECT * FROM usage_rollup ORDER BY session_id, quarter, model'),
    fts: q("SELECT rowid FROM events_fts WHERE events_fts MATCH 'the' ORDER BY rowid").map(() => 1),
  };
}

beforeAll(() => {
  home = corpusHome('os-writer-thread-', MIXED_HOME);
});

afterAll(() => {
  for (const db of dbs) db.close();
  rmSync(home, { recursive: true, force: true });
});

describe('the writer thread', () => {
  it('leaves the same index as writing inline, through a paged read and an append', async () => {
    const inline = open('inline');
    const thread = open('thread');
    const first = await run(inline.db, inline.dataDir, 'inline');
    expect(await run(thread.db, thread.dataDir, 'thread')).toMatchObject({ totals: first.totals });
    expect(first.totals.sessions).toBeGreaterThanOrEqual(3);
    expect(contents(thread.db)).toEqual(contents(inline.db));

    const codex = join(home, MIXED_HOME[1]?.[1] as string);
    const lines = readFileSync(codex, 'utf8').trimEnd().split('\n');
    appendFileSync(codex, `${lines.at(-1)}\n`);
    expect((await run(thread.db, thread.dataDir, 'thread')).totals).toMatchObject({ appended: 1, parsed: 0 });
    expect((await run(inline.db, inline.dataDir, 'inline')).totals).toMatchObject({ appended: 1, parsed: 0 });
    expect(contents(thread.db)).toEqual(contents(inline.db));
  });

  it('fails the run with the writer error, and a later run finishes the work', async () => {
    const { db, dataDir } = open('broken');
    db.exec('ALTER TABLE usage RENAME TO usage_gone');
    await expect(run(db, dataDir, 'thread')).rejects.toThrow(/index writer: .*usage/);
    expect(db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(0);
    db.exec('ALTER TABLE usage_gone RENAME TO usage');
    const again = await run(db, dataDir, 'thread');
    expect(again.totals.sessions).toBeGreaterThanOrEqual(3);
    expect(db.prepare('SELECT COUNT(*) FROM sessions').pluck().get()).toBe(again.totals.sessions);
  });
});
