import { z } from 'zod';

// Adjacently tagged exactly like the reference's serde enum: `{"type":"X"}` for unit
// variants and `{"type":"X","data":{...}}` for the rest, so files interoperate.
const unit = <T extends string>(type: T) => z.object({ type: z.literal(type) });
const withData = <T extends string, S extends z.ZodRawShape>(type: T, data: S) =>
  z.object({ type: z.literal(type), data: z.object(data) });

const path = z.string();
const prompt = { prompt: z.string() };

export const EventTypeSchema = z.discriminatedUnion('type', [
  unit('UserMessage'),
  unit('AgentMessage'),
  unit('SystemMessage'),
  unit('Thinking'),
  withData('ToolCall', { name: z.string() }),
  withData('ToolResult', { name: z.string(), is_error: z.boolean(), call_id: z.string().optional() }),
  withData('FileRead', { path }),
  withData('CodeSearch', { query: z.string() }),
  withData('FileSearch', { pattern: z.string() }),
  withData('FileEdit', { path, diff: z.string().optional() }),
  withData('FileCreate', { path }),
  withData('FileDelete', { path }),
  withData('ShellCommand', { command: z.string(), exit_code: z.number().int().optional() }),
  withData('ImageGenerate', prompt),
  withData('VideoGenerate', prompt),
  withData('AudioGenerate', prompt),
  withData('WebSearch', { query: z.string() }),
  withData('WebFetch', { url: z.string() }),
  withData('TaskStart', { title: z.string().optional() }),
  withData('TaskEnd', { summary: z.string().optional() }),
  withData('Custom', { kind: z.string() }),
]);

export type EventType = z.infer<typeof EventTypeSchema>;
export type EventKind = EventType['type'];
export type EventTypeOf<K extends EventKind> = Extract<EventType, { type: K }>;

export const EVENT_KINDS: readonly EventKind[] = EventTypeSchema.options.map((o) => o.shape.type.value) as EventKind[];

export const MESSAGE_KINDS = new Set<EventKind>(['UserMessage', 'AgentMessage']);
export const FILE_CHANGE_KINDS = new Set<EventKind>(['FileEdit', 'FileCreate', 'FileDelete']);
// The reference counts these (and only these) as tool calls in Stats.
export const TOOL_CALL_KINDS = new Set<EventKind>(['ToolCall', 'FileRead', 'CodeSearch', 'FileSearch']);

/** The path an event is about, for the kinds that name one. */
export function eventPath(t: EventType): string | undefined {
  switch (t.type) {
    case 'FileRead':
    case 'FileEdit':
    case 'FileCreate':
    case 'FileDelete':
      return t.data.path;
    default:
      return undefined;
  }
}
