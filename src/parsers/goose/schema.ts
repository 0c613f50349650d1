import { z } from 'zod';

/** One Goose conversation message (both stores keep the same serde shape). */
export const MessageSchema = z.looseObject({
  id: z.string().nullish(),
  role: z.string(),
  /** Epoch seconds. */
  created: z.number().optional(),
  content: z.array(z.unknown()),
  metadata: z.looseObject({ userVisible: z.boolean().optional(), agentVisible: z.boolean().optional() }).nullish(),
});

/** First line of a legacy session JSONL file. */
export const LegacyMetadataSchema = z.looseObject({
  working_dir: z.string().nullish(),
  description: z.string().nullish(),
  schedule_id: z.string().nullish(),
  message_count: z.number().optional(),
  total_tokens: z.number().nullish(),
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  accumulated_total_tokens: z.number().nullish(),
  accumulated_input_tokens: z.number().nullish(),
  accumulated_output_tokens: z.number().nullish(),
});

type GooseMessage = z.infer<typeof MessageSchema>;

/**
 * A message with the id its events derive from (stable across re-reads of the store). A
 * record that is not a message keeps its raw value (it becomes a Custom event).
 */
export type StoredMessage = { key: string; message: GooseMessage } | { key: string; raw: unknown };

/** One Goose session from either store, before normalization. */
export interface GooseSession {
  id: string;
  name?: string;
  workingDir?: string;
  provider?: string;
  model?: string;
  /** Session token totals (Goose keeps no per-message usage). */
  inputTokens?: number;
  outputTokens?: number;
  createdAt?: string;
  updatedAt?: string;
  attributes: Record<string, unknown>;
  messages: StoredMessage[];
}

/** `message_count` or `description` plus no `role`: a metadata line, not a message. */
export function isMetadataLine(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return !('role' in o) && ('message_count' in o || 'working_dir' in o || 'description' in o);
}
