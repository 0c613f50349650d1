import { resolve } from 'node:path';
import { SESSIONS_REF } from '../../git/layout.js';
import { listStoredSessions, type StoredSessionItem } from '../../git/read-stored.js';
import { escapeRegExp } from '../../hail/redact.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { writeJson } from '../output.js';
import type { SessionFilterFlags } from '../shared-options.js';
import { withGitErrors } from './git-cli-error.js';
import { type LogEntry, writeLogEntries } from './session-log.js';

export interface StoredSessionLogOptions extends SessionFilterFlags {
  repo: string;
  limit: number;
  json: boolean;
}

const contains = (haystack: string | null | undefined, needle: string): boolean =>
  (haystack ?? '').toLowerCase().includes(needle.toLowerCase());

/** The log's filters over meta files (the branch has no index to query); sessions without meta match none. */
function matches(item: StoredSessionItem, f: SessionFilterFlags): boolean {
  const m = item.meta;
  if (!m) return !(f.tool || f.model || f.since || f.until || f.grep);
  if (f.tool && m.tool !== f.tool) return false;
  if (f.model && !modelMatches(m.model, f.model)) return false;
  if (f.since && m.created_at < f.since) return false;
  if (f.until && m.created_at >= f.until) return false;
  if (f.grep && !contains(m.title, f.grep)) return false;
  return true;
}

/** As the index's --model: `*` is a wildcard over the whole name, otherwise a substring. */
function modelMatches(model: string, pattern: string): boolean {
  if (!pattern.includes('*')) return contains(model, pattern);
  return new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i').test(model);
}

function entryOf(item: StoredSessionItem): LogEntry {
  const m = item.meta;
  const st = m?.stats;
  return {
    id: item.session_id,
    created_at: m?.created_at ?? '????-??-?? ??:??',
    tool: m?.tool ?? '?',
    model: m?.model ?? '?',
    event_count: st?.event_count ?? 0,
    tokens: st
      ? st.total_input_tokens +
        st.total_output_tokens +
        (st.total_cache_read_tokens ?? 0) +
        (st.total_cache_creation_tokens ?? 0)
      : 0,
    title: m?.title ?? null,
  };
}

/** `session log --git [repo]`: sessions stored in a repository's `opensession/sessions` branch. */
export async function handleStoredSessionLog(opts: StoredSessionLogOptions, ctx: CliContext): Promise<void> {
  if (opts.project) throw new UsageError('--project does not apply to --git: the repository is the project');
  const repo = resolve(ctx.cwd, opts.repo);
  const listing = await withGitErrors(() => listStoredSessions(repo, { env: ctx.env }));
  const items = listing.sessions.filter((s) => matches(s, opts)).slice(0, opts.limit);
  for (const issue of listing.issues) ctx.stderr.write(`opensession: ${SESSIONS_REF}:${issue}\n`);
  if (opts.json) {
    return writeJson(ctx.stdout, {
      repo,
      ref: SESSIONS_REF,
      sessions: items.map((s) => ({ session_id: s.session_id, path: s.path, ...s.meta })),
    });
  }
  writeLogEntries(ctx, items.map(entryOf));
}
