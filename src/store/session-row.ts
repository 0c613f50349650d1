import { basename } from 'node:path';
import { isErrorEvent } from '../hail/extract.js';
import type { Session } from '../hail/session.js';

export interface SessionRow {
  id: string;
  tool: string;
  provider: string;
  model: string;
  title: string | null;
  cwd: string | null;
  project: string | null;
  git_branch: string | null;
  git_repo: string | null;
  created_at: string;
  updated_at: string;
  event_count: number;
  message_count: number;
  user_message_count: number;
  tool_call_count: number;
  task_count: number;
  duration_seconds: number;
  files_changed: number;
  lines_added: number;
  lines_removed: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  has_errors: number;
}

const s = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** `owner/repo` from a git remote URL (ssh, https, ssh://), or undefined. */
export function repoName(remote: string | null): string | null {
  if (!remote) return null;
  const m = /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(remote);
  return m?.[1] ?? null;
}

function gitInfo(attrs: Record<string, unknown>): { branch: string | null; repo: string | null } {
  const g = attrs.git;
  if (typeof g !== 'object' || g === null) return { branch: s(attrs.git_branch), repo: null };
  const o = g as Record<string, unknown>;
  return {
    branch: s(o.branch),
    repo: repoName(s(o.repo_url) ?? s(o.repository_url) ?? s(o.remote) ?? s(o.origin_url)) ?? s(o.repo),
  };
}

export function sessionRow(session: Session): SessionRow {
  const attrs = session.context.attributes ?? {};
  const cwd = s(attrs.cwd) ?? s(attrs.working_directory);
  const git = gitInfo(attrs);
  const st = session.stats;
  return {
    id: session.session_id,
    tool: session.agent.tool,
    provider: session.agent.provider,
    model: session.agent.model,
    title: session.context.title ?? null,
    cwd,
    project: git.repo ?? (cwd ? basename(cwd.replace(/[\\/]+$/, '')) || null : null),
    git_branch: git.branch,
    git_repo: git.repo,
    created_at: session.context.created_at,
    updated_at: session.context.updated_at,
    event_count: st.event_count,
    message_count: st.message_count,
    user_message_count: st.user_message_count,
    tool_call_count: st.tool_call_count,
    task_count: st.task_count,
    duration_seconds: st.duration_seconds,
    files_changed: st.files_changed,
    lines_added: st.lines_added,
    lines_removed: st.lines_removed,
    input_tokens: st.total_input_tokens,
    output_tokens: st.total_output_tokens,
    cache_read_tokens: st.total_cache_read_tokens ?? 0,
    cache_creation_tokens: st.total_cache_creation_tokens ?? 0,
    has_errors: session.events.some(isErrorEvent) ? 1 : 0,
  };
}
