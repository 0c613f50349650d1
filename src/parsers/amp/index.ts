import type { Parser } from '../types.js';
import { discoverThreads } from './discover.js';
import { parseThread } from './parse.js';
import { canParseThread } from './sniff.js';

/** Amp threads: one JSON file per thread, rewritten whole on change (so not append-only). */
export const ampParser: Parser = {
  tool: 'amp',
  displayName: 'Amp',
  appendOnly: false,
  discover: discoverThreads,
  canParse: canParseThread,
  parse: parseThread,
};
