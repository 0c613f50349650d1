import type { Parser } from '../types.js';
import { discoverHistories } from './discover.js';
import { parseChatHistory } from './parse.js';
import { canParseChatHistory } from './sniff.js';

/**
 * Aider: `.aider.chat.history.md` in project roots, one session per run header. The file only
 * grows, but a run's last reply can be followed by its token report later, so a changed file
 * is re-read whole (sessions keep their ids).
 */
export const aiderParser: Parser = {
  tool: 'aider',
  displayName: 'Aider',
  appendOnly: false,
  discover: discoverHistories,
  canParse: canParseChatHistory,
  parse: parseChatHistory,
};
