import { z } from 'zod';
import { EventSchema, SessionSchema } from '../hail/session.js';

export const VisibilitySchema = z
  .enum(['private', 'team', 'public'])
  .describe('private: owner only; team: members of team_id; public: anyone, explicit opt-in.');
export type Visibility = z.infer<typeof VisibilitySchema>;

const short = z.string().max(2048);
// The reference's clients send team_id "personal" (a team that does not exist): it means "no team".
const TeamRefSchema = z
  .string()
  .max(128)
  .nullish()
  .transform((v) => (v && v !== 'personal' ? v : undefined));

/** Fields that accompany an upload, as JSON members or (JSONL body) as query parameters. */
export const UploadOptionsSchema = z.object({
  team_id: TeamRefSchema,
  visibility: VisibilitySchema.optional(),
  body_url: z.url().max(2048).optional(),
  linked_session_ids: z.array(z.string().max(256)).max(100).optional(),
  git_remote: short.optional(),
  git_branch: short.optional(),
  git_commit: short.optional(),
  git_repo_name: short.optional(),
  pr_number: z.coerce.number().int().nonnegative().optional(),
  pr_url: short.optional(),
});
export type UploadOptions = z.infer<typeof UploadOptionsSchema>;

export const UploadRequestSchema = UploadOptionsSchema.extend({ session: SessionSchema });
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

/** Query string of a JSONL upload: the same options, with linked ids comma-separated. */
export const UploadQuerySchema = UploadOptionsSchema.extend({
  linked_session_ids: z
    .string()
    .max(4096)
    .transform((s) => s.split(',').filter(Boolean))
    .optional(),
});

export const UploadResponseSchema = z.object({ id: z.string(), url: z.string() });
export type UploadResponse = z.infer<typeof UploadResponseSchema>;

export const SortSchema = z.enum(['recent', 'popular', 'longest']);
export const TimeRangeSchema = z.enum(['24h', '7d', '30d', 'all']);
export type Sort = z.infer<typeof SortSchema>;
export type TimeRange = z.infer<typeof TimeRangeSchema>;

export const SessionListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional().describe('next_cursor of the previous page; replaces page.'),
  search: z.string().trim().max(256).optional().describe('Full-text search over title, description and messages.'),
  tool: z.string().max(128).optional(),
  model: z.string().max(256).optional(),
  team_id: z.string().max(128).optional(),
  since: z.iso.datetime({ offset: true }).optional().describe('Only sessions created at or after this time.'),
  sort: SortSchema.default('recent'),
  time_range: TimeRangeSchema.default('all'),
});
export type SessionListQuery = z.infer<typeof SessionListQuerySchema>;

export const SessionSummarySchema = z.object({
  id: z.string(),
  session_id: z.string().describe("The uploader's HAIL session_id (unique per owner)."),
  user_id: z.string(),
  nickname: z.string().optional(),
  team_id: z.string().nullable(),
  visibility: VisibilitySchema,
  tool: z.string(),
  agent_provider: z.string().optional(),
  agent_model: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  tags: z.string().optional(),
  created_at: z.string(),
  uploaded_at: z.string(),
  message_count: z.number(),
  user_message_count: z.number(),
  task_count: z.number(),
  event_count: z.number(),
  tool_call_count: z.number(),
  duration_seconds: z.number(),
  total_input_tokens: z.number(),
  total_output_tokens: z.number(),
  git_remote: z.string().optional(),
  git_branch: z.string().optional(),
  git_commit: z.string().optional(),
  git_repo_name: z.string().optional(),
  pr_number: z.number().optional(),
  pr_url: z.string().optional(),
  body_url: z.string().optional(),
  working_directory: z.string().optional(),
  files_modified: z.string().optional().describe('JSON array of paths.'),
  files_read: z.string().optional().describe('JSON array of paths.'),
  has_errors: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const SessionListResponseSchema = z.object({
  sessions: z.array(SessionSummarySchema),
  total: z.number(),
  page: z.number(),
  per_page: z.number(),
  next_cursor: z.string().optional(),
});
export type SessionListResponse = z.infer<typeof SessionListResponseSchema>;

export const SessionLinkSchema = z.object({
  session_id: z.string(),
  linked_session_id: z.string(),
  link_type: z.string(),
  created_at: z.string(),
});

export const SessionDetailSchema = SessionSummarySchema.extend({
  team_name: z.string().optional(),
  linked_sessions: z.array(SessionLinkSchema).optional(),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

export const StreamEventsRequestSchema = z.object({
  agent: SessionSchema.shape.agent.optional(),
  context: SessionSchema.shape.context.optional(),
  events: z.array(EventSchema).min(1).max(10_000),
});
export type StreamEventsRequest = z.infer<typeof StreamEventsRequestSchema>;
export const StreamEventsResponseSchema = z.object({
  accepted: z.number(),
  id: z.string(),
  event_count: z.number(),
});
