import { fileLineBatches } from '../shared/read-lines.js';
import type { WarningSink } from '../shared/warnings.js';

const MAX_BAD_LINE_WARNINGS = 50;

export interface ReadEnd {
  /** Byte offset just past the last complete line consumed. */
  offset: number;
  /** Number of the line a resumed read starts at. */
  nextLine: number;
}

const isBlank = (text: string): boolean => text.length === 0 || text.trim().length === 0;
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Streams a JSONL file's records into `onRecord` from `fromOffset`. Bad lines become
 * warnings (the first few by line, then a count); an unparsable last line without a newline
 * is a write in progress: it stops the read (and the offset) before it. Never throws.
 */
export async function readJsonl(
  path: string,
  sink: WarningSink,
  onRecord: (value: unknown, line: number) => void,
  from: { offset: number; line: number; skip?: (text: string) => boolean; maxBytes?: number },
): Promise<ReadEnd> {
  const end: ReadEnd = { offset: from.offset, nextLine: from.line };
  let bad = 0;
  const done = (no: number, to: number) => {
    end.offset = to;
    end.nextLine = no + 1;
  };
  try {
    for await (const batch of fileLineBatches(path, from.offset, from.line, from.maxBytes)) {
      for (const l of batch) {
        if (isBlank(l.text) || (l.complete && from.skip?.(l.text))) {
          if (l.complete) done(l.no, l.end);
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(l.text);
        } catch (e) {
          if (!l.complete) {
            sink.add('truncated', 'last line is incomplete (file still being written?)', l.no);
            return end;
          }
          if (++bad <= MAX_BAD_LINE_WARNINGS) sink.add('bad-line', `not JSON: ${reason(e)}`, l.no);
          done(l.no, l.end);
          continue;
        }
        try {
          onRecord(value, l.no);
        } catch (e) {
          // A shape no rule foresaw must cost one line, not the session.
          sink.add('invalid', `line could not be read: ${reason(e)}`, l.no);
        }
        // A last line that parses but lacks its newline is used, yet re-read on resume.
        if (l.complete) done(l.no, l.end);
      }
    }
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${reason(e)}`);
  }
  if (bad > MAX_BAD_LINE_WARNINGS) sink.add('bad-line', `${bad - MAX_BAD_LINE_WARNINGS} more lines are not JSON`);
  return end;
}
