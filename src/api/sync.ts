import { z } from 'zod';
import { SessionSummarySchema } from './sessions.js';

export const SYNC_LIMIT_DEFAULT = 100;
export const SYNC_LIMIT_MAX = 500;

export const SyncPullQuerySchema = z.object({
  team_id: z.string().max(128).optional(),
  cursor: z.string().max(512).optional().describe('Opaque: the next_cursor of the previous pull.'),
  since: z.iso.datetime({ offset: true }).optional().describe('Start at sessions uploaded at or after this time.'),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMIT_MAX).default(SYNC_LIMIT_DEFAULT),
});
export type SyncPullQuery = z.infer<typeof SyncPullQuerySchema>;

export const SyncPullResponseSchema = z.object({
  sessions: z.array(SessionSummarySchema),
  next_cursor: z.string().optional().describe('Resume point; present whenever rows were returned.'),
  has_more: z.boolean(),
});
export type SyncPullResponse = z.infer<typeof SyncPullResponseSchema>;
