import { basename } from 'node:path';
import { firstJsonLine, looksBinary } from '../shared/sniff.js';
import { looksSqlite } from '../shared/sqlite.js';
import { isRecord } from '../shared/text.js';

/** Transcripts live in `~/.cursor/projects/<slug>/agent-transcripts/` (copies keep "agent-transcript" in the name). */
const TRANSCRIPT_PATH = /agent-transcript|[\\/]\.cursor[\\/]/i;

/**
 * A transcript line is `{role, message:{content}}` with nothing else of note; Claude Code's
 * lines carry `type`, `uuid` and `sessionId` around the same `message`, so they are not claimed.
 */
function isTranscriptLine(v: Record<string, unknown>): boolean {
  if (v.role !== 'user' && v.role !== 'assistant') return false;
  return isRecord(v.message) && !('uuid' in v) && !('sessionId' in v) && !('type' in v);
}

export function canParseCursor(path: string, firstBytes: Buffer): boolean {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.vscdb')) return looksSqlite(firstBytes);
  if (!name.endsWith('.jsonl') || !TRANSCRIPT_PATH.test(path) || looksBinary(firstBytes)) return false;
  const first = firstJsonLine(firstBytes);
  return first !== undefined && isTranscriptLine(first);
}
