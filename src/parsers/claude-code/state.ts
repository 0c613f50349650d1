import { z } from 'zod';
import type { HailEvent } from '../../hail/session.js';
import type { ResumeState } from '../types.js';
import { BoundedMap, lastOf } from './bounded.js';
import type { PlacedUsage } from './tokens.js';

const TOOL_LIMIT = 2000;
const USAGE_LIMIT = 2000;
const TASK_LIMIT = 200;
const CHAIN_LIMIT = 2000;
const SUMMARY_LIMIT = 50;

const ToolRefSchema = z.object({ name: z.string(), path: z.string().optional() });

const TaskCallSchema = z.object({
  id: z.string(),
  description: z.string().optional(),
  agentType: z.string().optional(),
  /** The head of the prompt, to recognise the subagent's first message. */
  prompt: z.string().optional(),
  agentId: z.string().optional(),
  /** The head of the Task's result, for the lane's TaskEnd. */
  summary: z.string().optional(),
  claimed: z.boolean().optional(),
});

const PartMarkSchema = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  /** Leading lines that copy the parent's conversation (side-question agents fork it). */
  skip: z.number().int().nonnegative(),
});

const MetaSchema = z.object({
  sessionId: z.string().optional(),
  firstTs: z.string().optional(),
  model: z.string().optional(),
  version: z.string().optional(),
  cwd: z.string().optional(),
  /** Every distinct working directory, first one first (bounded). */
  cwds: z.array(z.string()).default([]),
  branch: z.string().optional(),
  agentName: z.string().optional(),
});

const TitlesSchema = z.object({
  custom: z.string().optional(),
  ai: z.string().optional(),
  summary: z.string().optional(),
  prompt: z.string().optional(),
  command: z.string().optional(),
});

const ResumeSchema = z.object({
  v: z.literal(1),
  line: z.number().int().positive(),
  lastTs: z.string().optional(),
  meta: MetaSchema,
  titles: TitlesSchema,
  tools: z.array(z.tuple([z.string(), ToolRefSchema])),
  usage: z.array(z.string()),
  tasks: z.array(TaskCallSchema),
  chains: z.array(z.tuple([z.string(), z.string()])),
  summaries: z.array(z.tuple([z.string(), z.string()])),
  parts: z.record(z.string(), PartMarkSchema),
  copied: z.array(z.string()).default([]),
  lastUsage: z
    .object({ message: z.string(), host: z.custom<HailEvent>((v) => typeof v === 'object' && v !== null) })
    .optional(),
});

export type ToolRef = z.infer<typeof ToolRefSchema>;
export type TaskCall = z.infer<typeof TaskCallSchema>;
export type PartMark = z.infer<typeof PartMarkSchema>;
export type SessionMeta = z.infer<typeof MetaSchema>;
export type Titles = z.infer<typeof TitlesSchema>;

/**
 * Everything a parse learns that later lines (or a resumed parse) need: session facts,
 * title candidates, tool names by call id, usage keys already counted, Task calls, and
 * which sidechain chain each recent line belongs to.
 */
export class ClaudeState {
  line = 1;
  lastTs: string | undefined;
  meta: SessionMeta = { cwds: [] };
  titles: Titles = {};
  readonly tools = new BoundedMap<string, ToolRef>(TOOL_LIMIT);
  /** message.id:requestId pairs already counted. Unbounded within a parse, trimmed when saved. */
  readonly usage = new Set<string>();
  readonly tasks = new BoundedMap<string, TaskCall>(TASK_LIMIT);
  /** Sidechain line uuid -> lane key. */
  readonly chains = new BoundedMap<string, string>(CHAIN_LIMIT);
  /** Summary lines waiting for their leaf message (leafUuid -> summary). */
  readonly summaries = new BoundedMap<string, string>(SUMMARY_LIMIT);
  parts: Record<string, PartMark> = {};
  /** Uuids of parent lines that subagent files copy, seen by earlier slices of a paged read. */
  copied: string[] = [];
  /** Where the main transcript's last message's tokens went (see TokenPlacer). */
  lastUsage: PlacedUsage | undefined;

  toResume(): ResumeState {
    return {
      v: 1,
      line: this.line,
      ...(this.lastTs ? { lastTs: this.lastTs } : {}),
      meta: this.meta,
      titles: this.titles,
      tools: lastOf(this.tools, TOOL_LIMIT),
      usage: lastOf(this.usage, USAGE_LIMIT),
      tasks: lastOf(this.tasks.values(), TASK_LIMIT),
      chains: lastOf(this.chains, CHAIN_LIMIT),
      summaries: lastOf(this.summaries, SUMMARY_LIMIT),
      parts: this.parts,
      ...(this.copied.length ? { copied: this.copied } : {}),
      ...(this.lastUsage ? { lastUsage: this.lastUsage } : {}),
    };
  }

  /** The state saved by {@link toResume}; undefined when it is not one (then parse from 0). */
  static fromResume(raw: unknown): ClaudeState | undefined {
    const r = ResumeSchema.safeParse(raw);
    if (!r.success) return undefined;
    const s = new ClaudeState();
    const d = r.data;
    s.line = d.line;
    s.lastTs = d.lastTs;
    s.meta = d.meta;
    s.titles = d.titles;
    for (const [k, v] of d.tools) s.tools.set(k, v);
    for (const k of d.usage) s.usage.add(k);
    for (const t of d.tasks) s.tasks.set(t.id, t);
    for (const [k, v] of d.chains) s.chains.set(k, v);
    for (const [k, v] of d.summaries) s.summaries.set(k, v);
    s.parts = d.parts;
    s.copied = d.copied;
    s.lastUsage = d.lastUsage;
    return s;
  }
}
