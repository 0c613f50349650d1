import { z } from 'zod';
import type { SessionListItem } from '../store/queries/log.js';
import { safeTitle } from './redact-output.js';

/** A session as tools list it: enough to choose one and to pass its id to get_session or handoff. */
export const SessionSummarySchema = z.object({
  id: z.string(),
  tool: z.string(),
  model: z.string(),
  title: z.string().nullable(),
  project: z.string().nullable(),
  cwd: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  duration_seconds: z.number(),
  event_count: z.number(),
  message_count: z.number(),
  total_tokens: z.number(),
  cost_usd: z.number(),
  has_errors: z.boolean(),
  source_deleted: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export function sessionSummary(s: SessionListItem): SessionSummary {
  return {
    id: s.id,
    tool: s.tool,
    model: s.model,
    title: safeTitle(s.title),
    project: s.project,
    cwd: s.cwd,
    created_at: s.created_at,
    updated_at: s.updated_at,
    duration_seconds: s.duration_seconds,
    event_count: s.event_count,
    message_count: s.message_count,
    total_tokens: s.input_tokens + s.output_tokens + s.cache_read_tokens + s.cache_creation_tokens,
    cost_usd: s.cost_usd,
    has_errors: s.has_errors,
    source_deleted: s.source_deleted,
  };
}

/** `2026-04-07 10:01`: minutes are enough to tell sessions apart in a list. */
export const shortTime = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** One line naming a session: id first, as the agent passes it on. */
export function summaryLine(s: SessionSummary): string {
  const where = s.project ?? s.cwd;
  const flags = `${s.has_errors ? ' [errors]' : ''}${s.source_deleted ? ' [source deleted]' : ''}`;
  return (
    `- ${s.id} ${shortTime(s.created_at)} [${s.tool}] (${s.model}) ${s.event_count} events` +
    `${where ? ` in ${where}` : ''}${flags} — ${s.title ?? '(untitled)'}`
  );
}
