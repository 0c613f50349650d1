import { z } from 'zod';

/** `modelInfo` that newer versions stamp on API and UI messages. */
export const ModelInfoSchema = z.looseObject({
  modelId: z.string().optional(),
  providerId: z.string().optional(),
  mode: z.string().optional(),
});

/** An Anthropic-format content block; other fields are read per type. */
export const ApiBlockSchema = z.looseObject({ type: z.string() });

/** One entry of api_conversation_history.json. `ts`, `modelInfo`, `metrics` appeared in 2025 versions. */
export const ApiMessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(z.unknown())]),
  ts: z.number().optional(),
  modelInfo: ModelInfoSchema.optional(),
  metrics: z
    .looseObject({
      tokens: z
        .looseObject({
          prompt: z.number().optional(),
          completion: z.number().optional(),
          cached: z.number().optional(),
        })
        .optional(),
      cost: z.number().optional(),
    })
    .optional(),
});

/** One entry of ui_messages.json (ClineMessage). */
export const UiMessageSchema = z.looseObject({
  ts: z.number(),
  type: z.string(),
  say: z.string().optional(),
  ask: z.string().optional(),
  text: z.string().optional(),
  reasoning: z.string().optional(),
  images: z.array(z.unknown()).optional(),
  files: z.array(z.unknown()).optional(),
  partial: z.boolean().optional(),
  conversationHistoryIndex: z.number().optional(),
  modelInfo: ModelInfoSchema.optional(),
});

/** The JSON in an `api_req_started` message's text (ClineApiReqInfo). */
export const ApiReqInfoSchema = z.looseObject({
  tokensIn: z.number().optional(),
  tokensOut: z.number().optional(),
  cacheWrites: z.number().optional(),
  cacheReads: z.number().optional(),
  cost: z.number().optional(),
  cancelReason: z.string().optional(),
});

/** An entry of state/taskHistory.json (Cline) or a task's history_item.json (Roo, Kilo). */
export const HistoryItemSchema = z.looseObject({
  id: z.string().optional(),
  ts: z.number().optional(),
  task: z.string().optional(),
  cwdOnTaskInitialization: z.string().optional(),
  workspace: z.string().optional(),
  modelId: z.string().optional(),
});

export const TaskMetadataSchema = z.looseObject({
  model_usage: z
    .array(
      z.looseObject({
        ts: z.number().optional(),
        model_id: z.string().optional(),
        model_provider_id: z.string().optional(),
      }),
    )
    .optional(),
});

export type ModelInfo = z.infer<typeof ModelInfoSchema>;
export type ApiMessage = z.infer<typeof ApiMessageSchema>;
export type UiMessage = z.infer<typeof UiMessageSchema>;
export type HistoryItem = z.infer<typeof HistoryItemSchema>;
