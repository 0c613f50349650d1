import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DiscoverRoots } from '../types.js';
import { projectRoots } from './paths.js';

/** Claude Code deletes transcripts older than this many days unless settings.json says otherwise. */
export const CLAUDE_DEFAULT_CLEANUP_DAYS = 30;

export interface ClaudeRetention {
  /** Days after which Claude Code deletes a transcript. */
  days: number;
  /** The settings file the value came from, or undefined when the default applies. */
  source?: string;
  /** A settings file that exists but could not be read as JSON. */
  unreadable?: string;
}

/**
 * Claude Code's `cleanupPeriodDays` from the user's settings.json in each config dir. With
 * several dirs the shortest period wins: it is the one that deletes history first.
 */
export async function claudeRetention(roots: DiscoverRoots): Promise<ClaudeRetention> {
  let best: ClaudeRetention = { days: CLAUDE_DEFAULT_CLEANUP_DAYS };
  for (const configDir of projectRoots(roots).map((p) => dirname(p))) {
    const file = join(configDir, 'settings.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    try {
      const days = (JSON.parse(text) as { cleanupPeriodDays?: unknown }).cleanupPeriodDays;
      if (typeof days === 'number' && days >= 0 && (best.source === undefined || days < best.days))
        best = { days, source: file };
    } catch {
      best = { ...best, unreadable: file };
    }
  }
  return best;
}
