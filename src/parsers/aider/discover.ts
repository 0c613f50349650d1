import { join } from 'node:path';
import { sourceOf } from '../shared/discover-fs.js';
import type { DiscoveredSource, DiscoverRoots } from '../types.js';
import { CHAT_HISTORY, inputHistoryPath } from './parse.js';

/**
 * Aider writes its history into the project it runs in, so there is no central store: look
 * in each known project root (and the home directory), never deeper.
 */
export async function discoverHistories(r: DiscoverRoots): Promise<DiscoveredSource[]> {
  const roots = [...new Set([...(r.projectRoots ?? []), r.home])];
  const found = await Promise.all(
    roots.map(async (root) => {
      const chat = join(root, CHAT_HISTORY);
      const input = await inputHistoryPath(chat);
      return sourceOf('aider', chat, input ? [input] : undefined);
    }),
  );
  return found.filter((s): s is DiscoveredSource => s !== undefined);
}
