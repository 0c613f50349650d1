import type { Parser } from '../types.js';
import { discoverCodex } from './discover.js';
import { parseRollout } from './parse.js';
import { canParseCodex } from './sniff.js';

export const codexParser: Parser = {
  tool: 'codex',
  displayName: 'Codex CLI',
  appendOnly: true,
  discover: discoverCodex,
  canParse: canParseCodex,
  parse: parseRollout,
};
