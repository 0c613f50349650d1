import { z } from 'zod';

// Cursor's stores change shape across releases with no version marker worth trusting, so
// only fields we read are typed, all optional; a record that fails is reported, not half-read.

const TimingInfo = z.looseObject({
  clientStartTime: z.number().optional(),
  clientEndTime: z.number().optional(),
  clientSettleTime: z.number().optional(),
});

const ToolFormerSchema = z.looseObject({
  tool: z.number().optional(),
  name: z.string().optional(),
  status: z.string().optional(),
  rawArgs: z.string().optional(),
  params: z.string().optional(),
  result: z.string().optional(),
  toolCallId: z.string().optional(),
  userDecision: z.string().optional(),
});

/** A composer bubble: inline in `conversation`, or its own `bubbleId:<composer>:<bubble>` row. */
export const ComposerBubbleSchema = z.looseObject({
  bubbleId: z.string().optional(),
  type: z.number(),
  text: z.string().optional(),
  rawText: z.string().optional(),
  createdAt: z.union([z.number(), z.string()]).optional(),
  timingInfo: TimingInfo.nullish(),
  modelType: z.string().optional(),
  modelInfo: z.looseObject({ modelName: z.string().optional() }).nullish(),
  thinking: z
    .union([z.string(), z.looseObject({ text: z.string().optional(), signature: z.string().optional() })])
    .nullish(),
  toolFormerData: ToolFormerSchema.nullish(),
  tokenCount: z.looseObject({ inputTokens: z.number().optional(), outputTokens: z.number().optional() }).nullish(),
});

export const ComposerSchema = z.looseObject({
  composerId: z.string(),
  name: z.string().optional(),
  createdAt: z.number().optional(),
  lastUpdatedAt: z.union([z.number(), z.string()]).optional(),
  isAgentic: z.boolean().optional(),
  status: z.string().optional(),
  conversation: z.array(z.unknown()).optional(),
  conversationMap: z.record(z.string(), z.unknown()).optional(),
  fullConversationHeadersOnly: z.array(z.looseObject({ bubbleId: z.string() })).optional(),
  modelConfig: z.looseObject({ modelName: z.string().optional() }).nullish(),
});

/** A bubble of the old chat panel (`workbench.panel.aichat.view.aichat.chatdata`). */
export const ChatBubbleSchema = z.looseObject({
  id: z.string().optional(),
  type: z.string(),
  text: z.string().optional(),
  rawText: z.string().optional(),
  modelType: z.string().optional(),
});

export const ChatTabSchema = z.looseObject({
  tabId: z.string(),
  chatTitle: z.string().optional(),
  lastSendTime: z.number().optional(),
  bubbles: z.array(z.unknown()),
});

export type ToolFormer = z.infer<typeof ToolFormerSchema>;
export type ComposerBubble = z.infer<typeof ComposerBubbleSchema>;
export type Composer = z.infer<typeof ComposerSchema>;

/** One message of a conversation, whichever Cursor store it came from. */
export interface Bubble {
  id: string;
  role: 'user' | 'assistant';
  text?: string;
  /** Epoch ms when the store recorded one. */
  time?: number;
  endTime?: number;
  model?: string;
  thinking?: { text: string; signature?: string };
  tool?: ToolFormer;
  inputTokens?: number;
  outputTokens?: number;
}

/** One conversation (composer or chat tab) ready to become a Session. */
export interface Conversation {
  id: string;
  title?: string;
  /** Epoch ms: the base for bubbles without times of their own. */
  baseTime?: number;
  model?: string;
  bubbles: Bubble[];
  attributes: Record<string, unknown>;
}
