import { z } from 'zod';

/** Per-message usage Amp records on assistant messages (Anthropic-style: input excludes cache). */
export const AmpUsageSchema = z.looseObject({
  model: z.string().optional(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  cacheCreationInputTokens: z.number().optional(),
  cacheReadInputTokens: z.number().optional(),
  credits: z.number().optional(),
  timestamp: z.string().optional(),
});

export const AmpMessageSchema = z.looseObject({
  role: z.string(),
  messageId: z.number().optional(),
  content: z.array(z.unknown()).default([]),
  meta: z.looseObject({ sentAt: z.number().optional() }).optional(),
  usage: AmpUsageSchema.optional(),
  state: z.looseObject({ type: z.string().optional() }).optional(),
});

/** usageLedger events: one per billed operation (inference, title generation...). */
export const LedgerEventSchema = z.looseObject({
  timestamp: z.string().optional(),
  model: z.string().optional(),
  operationType: z.string().optional(),
  toMessageId: z.number().optional(),
  tokens: z.looseObject({ input: z.number().optional(), output: z.number().optional() }).optional(),
});

export const LedgerSchema = z.looseObject({ events: z.array(LedgerEventSchema).default([]) });

export const TreeSchema = z.looseObject({
  uri: z.string().optional(),
  repository: z
    .looseObject({ url: z.string().optional(), ref: z.string().optional(), sha: z.string().optional() })
    .optional(),
});

export const EnvSchema = z.looseObject({
  initial: z
    .looseObject({
      trees: z.array(TreeSchema).optional(),
      platform: z.looseObject({ clientVersion: z.string().optional(), client: z.string().optional() }).optional(),
      tags: z.array(z.string()).optional(),
    })
    .optional(),
});

export type AmpMessage = z.infer<typeof AmpMessageSchema>;
export type AmpUsage = z.infer<typeof AmpUsageSchema>;
export type LedgerEvent = z.infer<typeof LedgerEventSchema>;
export type AmpEnv = z.infer<typeof EnvSchema>;

/** The thread's top-level fields besides `messages`; a malformed field is dropped, not fatal. */
export const ThreadMetaSchema = z.looseObject({
  id: z.string().optional().catch(undefined),
  created: z.number().optional().catch(undefined),
  title: z.string().optional().catch(undefined),
  agentMode: z.string().optional().catch(undefined),
  env: EnvSchema.optional().catch(undefined),
  usageLedger: LedgerSchema.optional().catch(undefined),
});

export type ThreadMeta = z.infer<typeof ThreadMetaSchema>;
