import { join } from 'node:path';
import { findFiles, sourcesOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';

/** `$CODEX_HOME`, else `~/.codex`. */
export const codexHome = (r: DiscoverRoots): string => r.env.CODEX_HOME || join(r.home, '.codex');

const ROLLOUT = /^rollout-.*\.jsonl?$/;

/**
 * Rollouts live in `sessions/YYYY/MM/DD/` (older ones directly in `sessions/`), and
 * `codex archive` moves them to `archived_sessions/`.
 */
export async function discoverCodex(r: DiscoverRoots): Promise<DiscoveredSource[]> {
  const home = codexHome(r);
  const dirs = [join(home, 'sessions'), join(home, 'archived_sessions')];
  const found = await Promise.all(dirs.map((d) => findFiles(d, (name) => ROLLOUT.test(name), 4)));
  return sourcesOf('codex', found.flat());
}
