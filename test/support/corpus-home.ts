import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The real session files (`../shared/corpus` next to the repository). Read, never written. */
export const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus');

/** [corpus file or folder, where it goes under the fake home]. */
export type HomeEntry = readonly [from: string, to: string];

/** One session of each of the three most used tools, in their real places. */
export const MIXED_HOME: readonly HomeEntry[] = [
  ['claude-code/layout-v2.1.97-subagents-dir', '.claude/projects'],
  ['codex/v0.118.0-tui-2026-04-exec-command-end.jsonl', '.codex/sessions/2026/04/07/rollout-2026-04-07-a.jsonl'],
  ['gemini-cli/2025-11-session-toolcalls-13.json', '.gemini/tmp/abc/chats/session-2025-11-10T01-06-85ff787c.json'],
];

/** A temporary home directory holding copies of corpus files at tool locations. */
export function corpusHome(prefix: string, entries: readonly HomeEntry[]): string {
  const home = mkdtempSync(join(tmpdir(), prefix));
  for (const [from, to] of entries) {
    mkdirSync(dirname(join(home, to)), { recursive: true });
    cpSync(join(CORPUS, from), join(home, to), { recursive: true });
  }
  return home;
}
