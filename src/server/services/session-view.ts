import type { SessionSummary } from '../../api/sessions.js';
import type { SessionRow } from '../db/sessions.js';

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** A stored row as the API's SessionSummary (the reference's field names). */
export function toSummary(row: SessionRow, nickname?: string): SessionSummary {
  return {
    id: row.id,
    session_id: row.session_id,
    user_id: row.user_id,
    nickname,
    team_id: row.team_id,
    visibility: row.visibility,
    tool: row.tool,
    agent_provider: opt(row.agent_provider),
    agent_model: opt(row.agent_model),
    title: opt(row.title),
    description: opt(row.description),
    tags: opt(row.tags),
    created_at: row.created_at,
    uploaded_at: row.uploaded_at,
    message_count: Number(row.message_count),
    user_message_count: Number(row.user_message_count),
    task_count: Number(row.task_count),
    event_count: Number(row.event_count),
    tool_call_count: Number(row.tool_call_count),
    duration_seconds: Number(row.duration_seconds),
    total_input_tokens: Number(row.total_input_tokens),
    total_output_tokens: Number(row.total_output_tokens),
    git_remote: opt(row.git_remote),
    git_branch: opt(row.git_branch),
    git_commit: opt(row.git_commit),
    git_repo_name: opt(row.git_repo_name),
    pr_number: row.pr_number === null ? undefined : Number(row.pr_number),
    pr_url: opt(row.pr_url),
    body_url: opt(row.body_url),
    working_directory: opt(row.working_directory),
    files_modified: opt(row.files_modified),
    files_read: opt(row.files_read),
    has_errors: row.has_errors === 1,
  };
}
