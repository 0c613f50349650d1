import { z } from 'zod';
import { ContentSchema } from './content.js';
import { EventTypeSchema } from './event-type.js';

export const HAIL_VERSION = 'hail-1.0.0';

const Attributes = z.record(z.string(), z.unknown());
const count = z.number().int().nonnegative();

export const AgentSchema = z.object({
  provider: z.string(),
  model: z.string(),
  tool: z.string(),
  tool_version: z.string().optional(),
});

export const SessionContextSchema = z.object({
  title: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).default([]),
  created_at: z.string(),
  updated_at: z.string(),
  related_session_ids: z.array(z.string()).optional(),
  attributes: Attributes.optional(),
});

export const EventSchema = z.object({
  event_id: z.string(),
  timestamp: z.string(),
  event_type: EventTypeSchema,
  task_id: z.string().optional(),
  content: ContentSchema,
  duration_ms: count.optional(),
  attributes: Attributes.optional(),
});

export const StatsSchema = z.object({
  event_count: count,
  message_count: count,
  tool_call_count: count,
  task_count: count,
  duration_seconds: count,
  total_input_tokens: count.default(0),
  total_output_tokens: count.default(0),
  user_message_count: count.default(0),
  files_changed: count.default(0),
  lines_added: count.default(0),
  lines_removed: count.default(0),
  // Extensions (ignored by the reference's reader): prompt-cache usage, needed for
  // totals that agree with ccusage. Omitted when zero to keep files identical otherwise.
  total_cache_read_tokens: count.optional(),
  total_cache_creation_tokens: count.optional(),
});

export const SessionSchema = z.object({
  version: z.string(),
  session_id: z.string(),
  agent: AgentSchema,
  context: SessionContextSchema,
  events: z.array(EventSchema),
  stats: StatsSchema,
});

export type Agent = z.infer<typeof AgentSchema>;
export type SessionContext = z.infer<typeof SessionContextSchema>;
export type HailEvent = z.infer<typeof EventSchema>;
export type Stats = z.infer<typeof StatsSchema>;
export type Session = z.infer<typeof SessionSchema>;

/** Event attribute keys with a meaning across layers. */
export const ATTR = {
  model: 'model',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cacheReadTokens: 'cache_read_tokens',
  cacheCreationTokens: 'cache_creation_tokens',
  error: 'error',
  subagentId: 'subagent_id',
} as const;
