import { basename } from 'node:path';
import { looksBinary } from '../shared/sniff.js';

const HEADER_FIRST = /^\s*# aider chat started at \d{4}-\d{2}-\d{2}/;
/** prompt_toolkit's file history: `# <time>` then `+<line>`. */
const PROMPT_LOG_FIRST = /^\s*# \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?\r?\n\+/;

/** A `*.chat.history.md` whose first line is Aider's run header, or its `*.input.history`. */
export function canParseChatHistory(path: string, firstBytes: Buffer): boolean {
  if (looksBinary(firstBytes)) return false;
  const head = firstBytes.toString('utf8').replace(/^\uFEFF/, '');
  const name = basename(path);
  if (name.endsWith('.chat.history.md')) return HEADER_FIRST.test(head);
  return name.endsWith('.input.history') && PROMPT_LOG_FIRST.test(head);
}
