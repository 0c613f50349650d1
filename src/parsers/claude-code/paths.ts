import { basename, dirname, join } from 'node:path';
import { xdgConfig } from '../shared/discover-fs.js';
import type { DiscoverRoots } from '../types.js';

const AGENT_FILE = /^agent-(.+)\.jsonl$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isJsonl = (path: string): boolean => path.toLowerCase().endsWith('.jsonl');

/** The agent id in a subagent transcript's name (`agent-<id>.jsonl`). */
export const agentIdOf = (path: string): string | undefined => AGENT_FILE.exec(basename(path))?.[1];

export const isAgentFile = (path: string): boolean => agentIdOf(path) !== undefined;

export const isUuid = (s: string): boolean => UUID.test(s);

export const stemOf = (path: string): string => basename(path).replace(/\.jsonl$/i, '');

/** Since Claude Code 2.1 a session's subagents live in `<dir>/<session>/subagents/`. */
export const subagentsDirOf = (mainPath: string): string => join(dirname(mainPath), stemOf(mainPath), 'subagents');

/** The `.meta.json` sidecar (agentType, description) of a subagent transcript. */
export const metaPathOf = (agentPath: string): string => agentPath.replace(/\.jsonl$/i, '.meta.json');

/**
 * The `projects` directories Claude Code writes to. `CLAUDE_CONFIG_DIR` (a comma-separated
 * list) replaces the defaults, as in Claude Code itself and ccusage; otherwise both the legacy
 * `~/.claude` and the XDG `~/.config/claude` are read.
 */
export function projectRoots(roots: DiscoverRoots): string[] {
  const configured = (roots.env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const dirs = configured.length ? configured : [join(roots.home, '.claude'), join(xdgConfig(roots), 'claude')];
  return [...new Set(dirs.map((d) => join(d, 'projects')))];
}
