import { neverThrow } from '../shared/guard.js';
import type { Parser } from '../types.js';
import { discoverCursor } from './discover.js';
import { parseCursor } from './parse.js';
import { canParseCursor } from './sniff.js';

/** Cursor: composers and chat tabs in state.vscdb databases, and agent transcripts (JSONL). */
export const cursorParser: Parser = {
  tool: 'cursor',
  displayName: 'Cursor',
  // Databases are rewritten in place, and transcripts carry no state worth resuming.
  appendOnly: false,
  discover: discoverCursor,
  canParse: canParseCursor,
  parse: (path) => neverThrow(path, () => parseCursor(path)),
};
