import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive } from '../../src/store/archive.js';
import { type Db, indexPath, openIndex } from '../../src/store/db.js';
import { indexSources } from '../../src/store/indexer.js';
import { corpusHome, MIXED_HOME } from '../support/corpus-home.js';

// A multi-GB transcript is indexed a slice at a time (bounded memory). Whatever the slice
// size, the index and the archive must end up exactly as after one whole read (events an
// append completes, like a shell command whose exit code comes later, may move to the end).

let home: string;

const SESSION_COLUMNS =
  'id, tool, model, title, created_at, updated_at, event_count, message_count, user_message_count, tool_call_count, task_count, files_changed, lines_added, lines_removed, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens, has_errors';

async function indexWith(sliceBytes: number | undefined): Promise<{ db: Db; dataDir: string; parsed: number }> {
  const dataDir = join(home, `data-${sliceBytes ?? 'whole'}`);
  const db = openIndex(indexPath(dataDir));
  const summary = await indexSources({
    db,
    dataDir,
    roots: { home, env: {} },
    tools: ['claude-code', 'codex'],
    sliceBytes,
  });
  return { db, dataDir, parsed: summary.totals.parsed };
}

const _ids = (s: { events: { event_id: string }[] }) => s.events.map((e) => e.event_id).sort();
const rows = (db: Db) => db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY id`).all();
const events = (db: Db) =>
  db.prepare('SELECT session_id, event_id, kind, text FROM events ORDER BY session_id, event_id').all();

beforeAll(() => {
  home = corpusHome('os-paged-', [
    ...MIXED_HOME.slice(0, 2),
    [
      'claude-code/v2.0.2-grep-edit-todowrite-errors.jsonl',
      '.claude/projects/-home-dev-b/11111111-2222-4333-8444-555555555555.jsonl',
    ],
    [
      'codex/v0.105.0-cli-2026-03-long-TRUNCATED.jsonl',
      '.codex/sessions/2026/03/01/rollout-2026-03-01T00-00-00-long.jsonl',
    ],
  ]);
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('paged indexing of append-only files', () => {
  it('gives the same sessions, events and archive with 16 KiB slices as with one whole read', async () => {
    const whole = await indexWith(undefined);
    const paged = await indexWith(16 * 1024);
    try {
      expect(paged.parsed).toBe(whole.parsed);
      const a = rows(whole.db);
      expect(a.length).toBeGreaterThanOrEqual(5);
      expect(rows(paged.db)).toEqual(a);
      expect(events(paged.db)).toEqual(events(whole.db));
      const archives = paged.db.prepare('SELECT id, archive_path FROM sessions').all() as {
        id: string;
        archive_path: string;
      }[];
      for (const { id, archive_path } of archives) {
        const pagedSession = (await readArchive(archive_path)).session;
        const wholeSession = (await readArchive(archive_path.replace(paged.dataDir, whole.dataDir))).session;
        expect(
          pagedSession.events.map((e) => e.event_id),
          id,
        ).toEqual(wholeSession.events.map((e) => e.event_id));
        expect(pagedSession.events, id).toEqual(wholeSession.events);
        expect(pagedSession.stats, id).toEqual(wholeSession.stats);
      }
    } finally {
      whole.db.close();
      paged.db.close();
    }
  });

  it('a second run after a paged index parses nothing', async () => {
    const dataDir = join(home, 'data-16384');
    const db = openIndex(indexPath(dataDir));
    try {
      const again = await indexSources({
        db,
        dataDir,
        roots: { home, env: {} },
        tools: ['claude-code', 'codex'],
        sliceBytes: 16 * 1024,
      });
      expect(again.totals).toMatchObject({ parsed: 0, appended: 0, failed: 0 });
      expect(again.totals.skipped).toBe(again.totals.found);
    } finally {
      db.close();
    }
  });
});
