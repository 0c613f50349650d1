import { neverThrow } from '../shared/guard.js';
import type { Parser } from '../types.js';
import { discoverGoose } from './discover.js';
import { parseGoose } from './parse.js';
import { canParseGoose } from './sniff.js';

/** Goose: sessions.db (current) and the per-session JSONL files of earlier versions. */
export const gooseParser: Parser = {
  tool: 'goose',
  displayName: 'Goose',
  // Legacy files are rewritten whole on save (their first line holds running totals).
  appendOnly: false,
  discover: discoverGoose,
  canParse: canParseGoose,
  parse: (path) => neverThrow(path, () => parseGoose(path)),
};
