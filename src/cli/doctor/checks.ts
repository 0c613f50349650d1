import { accessSync, constants, existsSync } from 'node:fs';
import type { ClaudeRetention } from '../../parsers/claude-code/retention.js';
import type { DiscoveredSource } from '../../parsers/types.js';
import type { IndexHealth } from '../../store/health.js';
import { formatBytes } from '../output.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  message: string;
  hint?: string;
}

const DAY_MS = 86_400_000;
/** Below this retention, losing history to Claude Code's cleanup is a real risk worth a warning. */
const SAFE_RETENTION_DAYS = 365;

/** One row per tool: how many session files it has here, how big, how recent. */
export function toolChecks(tools: readonly string[], sources: readonly DiscoveredSource[]): Check[] {
  return tools.map((tool) => {
    const mine = sources.filter((s) => s.tool === tool);
    if (mine.length === 0) return { name: tool, status: 'skip', message: 'no session files found' };
    const bytes = mine.reduce((n, s) => n + s.size, 0);
    const newest = new Date(Math.max(...mine.map((s) => s.mtimeMs))).toISOString().slice(0, 10);
    return { name: tool, status: 'ok', message: `${mine.length} file(s), ${formatBytes(bytes)}, newest ${newest}` };
  });
}

export function dataDirCheck(dataDir: string): Check {
  const probe = existsSync(dataDir) ? dataDir : undefined;
  try {
    if (probe) accessSync(probe, constants.W_OK);
    return { name: 'data dir', status: 'ok', message: `${dataDir}${probe ? '' : ' (created on first index)'}` };
  } catch {
    return { name: 'data dir', status: 'fail', message: `${dataDir} is not writable`, hint: 'fix its permissions' };
  }
}

export function indexChecks(h: IndexHealth | undefined, stale: number): Check[] {
  if (!h)
    return [{ name: 'index', status: 'warn', message: 'no local index yet', hint: 'run `opensession session index`' }];
  const checks: Check[] = [
    h.integrity === 'ok'
      ? {
          name: 'index',
          status: 'ok',
          message: `${h.sessions} session(s) from ${h.sources} file(s), schema v${h.schemaVersion}`,
        }
      : {
          name: 'index',
          status: 'fail',
          message: `integrity check: ${h.integrity}`,
          hint: 'move local.db aside and re-run `session index` (the archive keeps your sessions)',
        },
  ];
  if (h.missingArchives.length > 0)
    checks.push({
      name: 'archive',
      status: 'fail',
      message: `${h.missingArchives.length} archived session(s) missing, e.g. ${h.missingArchives[0]}`,
      hint: 'run `opensession session index` to archive them again while their source files exist',
    });
  else
    checks.push({
      name: 'archive',
      status: 'ok',
      message: `${h.sourceDeleted} session(s) kept after their tool deleted the log`,
    });
  if (h.failedSources > 0)
    checks.push({
      name: 'unreadable files',
      status: 'warn',
      message: `${h.failedSources} file(s) could not be parsed`,
      hint: 'see `opensession session index --json` for the reasons',
    });
  checks.push(
    stale === 0
      ? { name: 'freshness', status: 'ok', message: `up to date (last run ${h.lastIndexedAt ?? 'never'})` }
      : {
          name: 'freshness',
          status: 'warn',
          message: `${stale} file(s) new or changed since the last index run`,
          hint: 'run `opensession session index`, or keep `opensession ops daemon start` running',
        },
  );
  return checks;
}

/**
 * Claude Code silently deletes transcripts after `cleanupPeriodDays`; what is not in the
 * index by then is gone. Counts the files already close to that age that the index lacks.
 */
export function retentionCheck(
  r: ClaudeRetention,
  claude: readonly DiscoveredSource[],
  indexed: ReadonlySet<string>,
  now: number,
): Check {
  if (r.unreadable)
    return {
      name: 'claude retention',
      status: 'warn',
      message: `${r.unreadable} is not valid JSON; Claude Code may fall back to deleting after 30 days`,
    };
  const where = r.source ? `cleanupPeriodDays = ${r.days} in ${r.source}` : `the default cleanupPeriodDays = ${r.days}`;
  if (r.days >= SAFE_RETENTION_DAYS)
    return {
      name: 'claude retention',
      status: 'ok',
      message: `Claude Code keeps transcripts ${r.days} days (${where})`,
    };
  const atRisk = claude.filter((s) => now - s.mtimeMs > (r.days - 7) * DAY_MS && !indexed.has(s.path)).length;
  return {
    name: 'claude retention',
    status: 'warn',
    message: `Claude Code deletes transcripts after ${r.days} days (${where})${atRisk ? `; ${atRisk} unindexed file(s) are due within a week` : ''}`,
    hint: 'index regularly (the daemon does) so the archive keeps them, or set "cleanupPeriodDays": 100000 in ~/.claude/settings.json',
  };
}
