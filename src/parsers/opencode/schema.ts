import { z } from 'zod';

// Lenient on purpose: OpenCode adds fields every release; only what we read is typed, and a
// record whose typed fields have the wrong shape is reported instead of half-read.

const Time = z.looseObject({
  created: z.number().optional(),
  updated: z.number().optional(),
  completed: z.number().optional(),
  start: z.number().optional(),
  end: z.number().optional(),
});

export const TokensSchema = z.looseObject({
  input: z.number().optional(),
  output: z.number().optional(),
  reasoning: z.number().optional(),
  cache: z.looseObject({ read: z.number().optional(), write: z.number().optional() }).optional(),
});

export const SessionInfoSchema = z.looseObject({
  id: z.string(),
  title: z.string().optional(),
  version: z.string().optional(),
  directory: z.string().optional(),
  parentID: z.string().nullish(),
  time: Time.optional(),
});

const ModelRef = z.looseObject({ providerID: z.string().optional(), modelID: z.string().optional() });

export const MessageInfoSchema = z.looseObject({
  id: z.string(),
  role: z.string(),
  time: Time.optional(),
  modelID: z.string().optional(),
  providerID: z.string().optional(),
  model: ModelRef.optional(),
  tokens: TokensSchema.optional(),
  cost: z.number().optional(),
  error: z.unknown().optional(),
  path: z.looseObject({ cwd: z.string().optional() }).optional(),
  // 0.1-era messages kept their parts inline and their model/tokens under metadata.
  parts: z.array(z.unknown()).optional(),
  metadata: z.unknown().optional(),
});

const ToolStateSchema = z.looseObject({
  status: z.string().optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  title: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  time: Time.optional(),
});

const PartSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string(),
  text: z.string().optional(),
  synthetic: z.boolean().optional(),
  ignored: z.boolean().optional(),
  time: Time.optional(),
  tool: z.string().optional(),
  callID: z.string().optional(),
  state: ToolStateSchema.optional(),
  tokens: TokensSchema.optional(),
  cost: z.number().optional(),
  mime: z.string().optional(),
  filename: z.string().optional(),
  url: z.string().optional(),
});

export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export type MessageInfo = z.infer<typeof MessageInfoSchema>;
export type Part = z.infer<typeof PartSchema>;
export type Tokens = z.infer<typeof TokensSchema>;

/**
 * A part as read from a store: `part` is undefined when the record does not have the shape
 * we know (it still becomes a Custom event). `rowTime` is the store's own write time.
 */
export interface OcPart {
  part: Part | undefined;
  raw: unknown;
  rowTime?: number;
}

/** A message with its parts, whichever store it came from. */
export interface OcMessage {
  info: MessageInfo;
  parts: OcPart[];
  rowTime?: number;
}

export function toPart(raw: unknown, rowTime?: number): OcPart {
  const r = PartSchema.safeParse(raw);
  return { part: r.success ? r.data : undefined, raw, ...(rowTime !== undefined ? { rowTime } : {}) };
}

/** A record of the newer `session_message` table, which we do not know how to read yet. */
export interface OcOtherRecord {
  id: string;
  type: string;
  time?: number;
  raw: unknown;
}

/** One OpenCode session as read from any store layout, before normalization. */
export interface OcSession {
  info: SessionInfo;
  messages: OcMessage[];
  /** Only for sessions with no classic messages: kept as Custom events rather than dropped. */
  other?: OcOtherRecord[];
}
