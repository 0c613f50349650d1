import type { Session } from '../../hail/session.js';
import { reportNoBytes } from '../shared/guard.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { looksSqlite } from '../shared/sqlite.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import type { GooseSession } from './schema.js';
import { toGooseSession } from './sessions.js';
import { readJsonlSession } from './store-jsonl.js';
import { readSqliteSessions } from './store-sqlite.js';

function build(sessions: GooseSession[], sink: WarningSink): Session[] {
  return sessions.map((s) => toGooseSession(s, sink)).filter((s): s is Session => s !== undefined);
}

/** Parses Goose's sessions.db (every session) or a legacy session JSONL file. Never throws. */
export async function parseGoose(path: string): Promise<ParseResult> {
  const sink = new WarningSink(path);
  const head = await readFirstBytes(path);
  if (head.length === 0) {
    await reportNoBytes(path, sink);
    return { sessions: [], warnings: sink.list };
  }
  if (looksSqlite(head)) return { sessions: build(readSqliteSessions(path, sink), sink), warnings: sink.list };
  if (looksBinary(head)) {
    sink.add('binary', 'binary file that is not a SQLite database');
    return { sessions: [], warnings: sink.list };
  }
  return { sessions: build([await readJsonlSession(path, sink)], sink), warnings: sink.list };
}
