import { neverThrow } from '../shared/guard.js';
import type { Parser } from '../types.js';
import { discoverOpenCode } from './discover.js';
import { parseOpenCode } from './parse.js';
import { canParseOpenCode } from './sniff.js';

/** OpenCode: the SQLite store (1.x) and the JSON storage layouts before it. */
export const opencodeParser: Parser = {
  tool: 'opencode',
  displayName: 'OpenCode',
  // The store is rewritten in place (rows updated as tools progress): always re-read whole.
  appendOnly: false,
  discover: discoverOpenCode,
  canParse: canParseOpenCode,
  parse: (path) => neverThrow(path, () => parseOpenCode(path)),
};
