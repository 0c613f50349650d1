import type { Parser } from '../types.js';
import { discoverGemini } from './discover.js';
import { parseGemini } from './parse.js';
import { canParseGemini } from './sniff.js';

export const geminiParser: Parser = {
  tool: 'gemini',
  displayName: 'Gemini CLI',
  appendOnly: true,
  discover: discoverGemini,
  canParse: canParseGemini,
  parse: parseGemini,
};
