import { fileLineBatches } from './read-lines.js';
import type { WarningSink } from './warnings.js';

export interface JsonLine {
  value: unknown;
  /** 1-based line number. */
  line: number;
  /** Byte offset just past this line (where a resumed read would start). */
  end: number;
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The JSON values of a JSONL file, one per non-blank line. A line that is not JSON becomes a
 * `bad-line` warning; a last line without newline that does not parse is a write in progress:
 * it ends the read with a `truncated` warning. A read error becomes `unreadable`. Never throws.
 */
export async function* jsonLines(
  path: string,
  sink: WarningSink,
  opts: { fromOffset?: number; startLine?: number } = {},
): AsyncGenerator<JsonLine> {
  try {
    for await (const batch of fileLineBatches(path, opts.fromOffset ?? 0, opts.startLine ?? 1)) {
      for (const l of batch) {
        const text = l.text.trim();
        if (!text) continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          if (!l.complete) {
            sink.add('truncated', 'last line is incomplete (file still being written?)', l.no);
            return;
          }
          sink.add('bad-line', `not JSON: ${reason(e)}`, l.no);
          continue;
        }
        yield { value, line: l.no, end: l.end };
      }
    }
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${reason(e)}`);
  }
}
