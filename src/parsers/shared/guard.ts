import { stat } from 'node:fs/promises';
import type { ParseResult } from '../types.js';
import type { WarningSink } from './warnings.js';

/**
 * Runs a parse so that nothing escapes: a bug on some unforeseen input becomes an `invalid`
 * warning naming the file, and the indexer goes on with the next source.
 */
export async function neverThrow(path: string, parse: () => Promise<ParseResult>): Promise<ParseResult> {
  try {
    return await parse();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { sessions: [], warnings: [{ kind: 'invalid', file: path, reason: `parser error: ${reason}` }] };
  }
}

/** For a file whose first bytes came back empty: records whether it is empty or unreadable. */
export async function reportNoBytes(path: string, sink: WarningSink): Promise<void> {
  try {
    const st = await stat(path);
    if (!st.isFile()) sink.add('unreadable', 'not a regular file');
    else if (st.size === 0) sink.add('empty', 'file is empty');
    else sink.add('unreadable', 'cannot read file');
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${e instanceof Error ? e.message : String(e)}`);
  }
}
