import { describe, expect, it } from 'vitest';
import { sampleSession } from '../../test/fixtures/sample-session.js';
import type { HailEvent, Session } from '../hail/session.js';
import { recomputeStats } from '../hail/stats.js';
import { openIndex } from './db.js';
import { IndexWriter } from './writer.js';

// Appends update a session's counters by their delta; these cases check the delta against
// the counts of one whole insert of the same final events.

const COUNTS =
  'event_count, message_count, user_message_count, tool_call_count, task_count, files_changed, input_tokens, output_tokens';

const withEvents = (events: HailEvent[]): Session => ({ ...sampleSession(), events, stats: recomputeStats(events) });

function countsAfter(first: HailEvent[], appended: HailEvent[]): unknown {
  const db = openIndex(':memory:');
  const w = new IndexWriter(db);
  w.insertSession(withEvents(first), null, 'archive');
  w.appendEvents(withEvents(appended));
  return db.prepare(`SELECT ${COUNTS} FROM sessions`).get();
}

function countsWhole(events: HailEvent[]): unknown {
  const db = openIndex(':memory:');
  new IndexWriter(db).insertSession(withEvents(events), null, 'archive');
  return db.prepare(`SELECT ${COUNTS} FROM sessions`).get();
}

const edit = (id: string, path: string, task?: string): HailEvent => ({
  event_id: id,
  timestamp: '2026-01-01T00:01:00Z',
  event_type: { type: 'FileEdit', data: { path } },
  content: { blocks: [] },
  ...(task ? { task_id: task } : {}),
});

describe('IndexWriter.appendEvents', () => {
  const events = sampleSession().events;

  it('adds new events, tokens, lanes and files like a whole insert would', () => {
    const more = [
      edit('n1', 'src/new.ts', 'lane-1'),
      edit('n2', 'src/auth.ts', 'lane-1'),
      { ...events[6], event_id: 'n3' } as HailEvent,
    ];
    expect(countsAfter(events, more)).toEqual(countsWhole([...events, ...more]));
  });

  it('an event sent again replaces the old one, including its file and tokens', () => {
    const moved = edit('e5', 'src/other.ts');
    const recounted = {
      ...events[6],
      attributes: { model: 'claude-opus-4-6', input_tokens: 5, output_tokens: 1 },
    } as HailEvent;
    const final = [...events.slice(0, 4), moved, events[5] as HailEvent, recounted];
    expect(countsAfter(events, [moved, recounted])).toEqual(countsWhole(final));
  });
});
