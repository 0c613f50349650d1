import { truncate } from '../hail/extract.js';

// Tool results are read into an agent's context window, so each has a size budget in
// characters, applied to the structured JSON and to the text rendering separately (a client
// shows the model one or the other). Lists keep their first items; long texts are cut.

export const DEFAULT_MAX_OUTPUT = 24_000;
export const MIN_MAX_OUTPUT = 2_000;
/** Room kept for a result's header and fixed fields. */
export const RESERVE = 800;

export interface Fitted<T> {
  kept: T[];
  omitted: number;
}

/**
 * The leading items whose JSON and rendered lines both fit in `budget`. Items are pulled only
 * as needed, so a generator can build (and redact) them lazily.
 */
export function takeFitting<T>(items: Iterable<T>, budget: number, line: (item: T) => string): T[] {
  let json = RESERVE;
  let text = RESERVE;
  const kept: T[] = [];
  for (const item of items) {
    json += JSON.stringify(item).length + 1;
    text += line(item).length + 1;
    if (json > budget || text > budget) break;
    kept.push(item);
  }
  return kept;
}

/** The longest prefix of `items` that fits in `budget`, and how many were left out. */
export function fitItems<T>(items: readonly T[], budget: number, line: (item: T) => string): Fitted<T> {
  const kept = takeFitting(items, budget, line);
  return { kept, omitted: items.length - kept.length };
}

/** The last resort for a text rendering still over budget: cut, and say so. */
export function capText(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const note = '\n… (cut to fit the output budget)';
  return truncate(text, budget - note.length) + note;
}
