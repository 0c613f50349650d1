import { readJsonText } from './json-text.js';
import type { WarningSink } from './warnings.js';

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A whole (small) JSON file, or undefined with a warning: `unreadable` when it cannot be read,
 * `empty` for a blank file, `truncated` when it ends mid-value, `invalid` for other bad JSON.
 */
export async function readJsonFile(path: string, sink: WarningSink): Promise<unknown> {
  let text: string;
  try {
    text = await readJsonText(path);
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${reason(e)}`);
    return undefined;
  }
  if (!text.trim()) {
    sink.add('empty', 'file is empty');
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = reason(e);
    sink.add(/end of (JSON )?input|Unterminated/i.test(msg) ? 'truncated' : 'invalid', `not valid JSON: ${msg}`);
    return undefined;
  }
}
