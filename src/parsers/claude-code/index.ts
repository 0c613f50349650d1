import type { Parser } from '../types.js';
import { discoverClaudeCode } from './discover.js';
import { parseClaudeCode } from './parse.js';
import { canParseClaudeCode } from './sniff.js';

export const claudeCodeParser: Parser = {
  tool: 'claude-code',
  displayName: 'Claude Code',
  appendOnly: true,
  discover: discoverClaudeCode,
  canParse: canParseClaudeCode,
  parse: parseClaudeCode,
};
