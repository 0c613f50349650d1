import type { Session } from '../../hail/session.js';
import { reportNoBytes } from '../shared/guard.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { looksSqlite } from '../shared/sqlite.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseResult } from '../types.js';
import { conversationSession } from './sessions.js';
import { readVscdb } from './store-vscdb.js';
import { transcriptSession } from './transcript-session.js';
import { workspaceFolder } from './workspace.js';

async function parseVscdb(path: string, sink: WarningSink): Promise<Session[]> {
  const cwd = await workspaceFolder(path);
  const extra = cwd ? { cwd } : {};
  return readVscdb(path, sink)
    .map((c) => conversationSession(c, sink, extra))
    .filter((s): s is Session => s !== undefined);
}

/** Parses a state.vscdb (every composer and chat tab in it) or an agent transcript. Never throws. */
export async function parseCursor(path: string): Promise<ParseResult> {
  const sink = new WarningSink(path);
  const head = await readFirstBytes(path);
  if (head.length === 0) {
    await reportNoBytes(path, sink);
    return { sessions: [], warnings: sink.list };
  }
  if (looksSqlite(head)) return { sessions: await parseVscdb(path, sink), warnings: sink.list };
  if (looksBinary(head)) {
    sink.add('binary', 'binary file that is not a SQLite database');
    return { sessions: [], warnings: sink.list };
  }
  const session = await transcriptSession(path, sink);
  return { sessions: session ? [session] : [], warnings: sink.list };
}
