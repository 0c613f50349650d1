import { reportNoBytes } from '../shared/guard.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { looksSqlite } from '../shared/sqlite.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { buildOpenCodeSessions } from './sessions.js';
import { readFileStore } from './store-files.js';
import { readSqliteStore } from './store-sqlite.js';

/** Parses opencode.db (every session) or one session file of the JSON layouts. Never throws. */
export async function parseOpenCode(path: string): Promise<ParseResult> {
  const sink = new WarningSink(path);
  const head = await readFirstBytes(path);
  if (looksSqlite(head)) {
    const sessions = buildOpenCodeSessions(readSqliteStore(path, sink), sink);
    return { sessions, warnings: sink.list };
  }
  if (head.length === 0) {
    await reportNoBytes(path, sink);
    return { sessions: [], warnings: sink.list };
  }
  if (looksBinary(head)) {
    sink.add('binary', 'binary file that is not a SQLite database');
    return { sessions: [], warnings: sink.list };
  }
  const session = await readFileStore(path, sink);
  const sessions = session ? buildOpenCodeSessions([session], sink) : [];
  return { sessions, warnings: sink.list };
}
