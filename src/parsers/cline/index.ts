import type { Parser } from '../types.js';
import { discoverTasks } from './discover.js';
import { parseClineTask } from './parse.js';
import { canParseTaskFile } from './sniff.js';
import { CLINE, type ClineVariant, KILO_CODE, ROO_CODE } from './variants.js';

/**
 * Cline, Roo Code and Kilo Code share one task format (`tasks/<id>/api_conversation_history.json`
 * + `ui_messages.json`); each gets its own parser so discovery and sessions carry the right tool.
 * Not append-only: the extension rewrites the whole JSON file on every save.
 */
function clineFamilyParser(v: ClineVariant): Parser {
  return {
    tool: v.tool,
    displayName: v.displayName,
    appendOnly: false,
    discover: (roots) => discoverTasks(roots, v),
    canParse: (path, firstBytes) => canParseTaskFile(v, path, firstBytes),
    parse: (path) => parseClineTask(path, v.tool),
  };
}

export const clineParser: Parser = clineFamilyParser(CLINE);
export const rooCodeParser: Parser = clineFamilyParser(ROO_CODE);
export const kiloCodeParser: Parser = clineFamilyParser(KILO_CODE);
