import { stat } from 'node:fs/promises';
import type { HailEvent, Session } from '../../hail/session.js';
import { neverThrow } from '../shared/guard.js';
import { streamJsonFile } from '../shared/json-stream.js';
import { buildSession, inferProvider, sortByTime } from '../shared/session-builder.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { titleFrom } from '../shared/text.js';
import { MonotonicClock, toIso } from '../shared/time.js';
import { hasUsage } from '../shared/usage.js';
import { usageTarget } from '../shared/usage-merge.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseResult, ToolName } from '../types.js';
import { ApiHistoryNormalizer } from './api-history.js';
import { type ApiMessage, ApiMessageSchema } from './schema.js';
import { resolveTaskFiles, type TaskFiles } from './task-files.js';
import { loadTaskMeta, type TaskMeta } from './task-meta.js';
import { applyRequest, readUiMessages, requestEvent, type UiDigest, uiOnlyEvents } from './ui-messages.js';
import { variantOfPath } from './variants.js';

/** Old tasks have no per-message times: the reference's spacing (base + 100 ms per message). */
const STEP_MS = 100;

/** Task ids are the creation time in epoch ms; otherwise the file's mtime. */
async function baseTime(files: TaskFiles, ui: UiDigest | undefined): Promise<number> {
  if (ui?.firstTs) return ui.firstTs;
  if (/^\d{12,14}$/.test(files.taskId)) return Number(files.taskId);
  try {
    return (await stat(files.apiPath ?? files.uiPath ?? files.dir)).mtimeMs;
  } catch {
    return 0;
  }
}

/** `prompt` includes cached tokens in these metrics; HAIL counts them apart. */
function metricsUsage(m: ApiMessage) {
  const t = m.metrics?.tokens;
  if (!t) return undefined;
  const cached = t.cached ?? 0;
  const usage = {
    input: Math.max(0, (t.prompt ?? 0) - cached),
    output: t.completion ?? 0,
    cacheRead: cached,
    cacheCreation: 0,
  };
  return { usage, ...(m.metrics?.cost ? { cost: m.metrics.cost } : {}) };
}

interface ApiRead {
  normalizer: ApiHistoryNormalizer;
  providers: string[];
  /** Events of each assistant message, by history index: where UI request usage lands. */
  replies: Map<number, HailEvent[]>;
}

async function readApiHistory(
  path: string,
  ui: UiDigest | undefined,
  base: number,
  sink: WarningSink,
): Promise<ApiRead> {
  const normalizer = new ApiHistoryNormalizer();
  const read: ApiRead = { normalizer, providers: [], replies: new Map() };
  const clock = new MonotonicClock();
  const useUiUsage = (ui?.requests.length ?? 0) > 0;
  let model: string | undefined = ui?.models[0];
  for await (const item of streamJsonFile(path, sink)) {
    if (item.kind !== 'element') continue;
    const i = item.index;
    const parsed = ApiMessageSchema.safeParse(item.value);
    if (!parsed.success) {
      sink.add('unknown-shape', `message ${i}: not an API message`);
      continue;
    }
    const m = parsed.data;
    model = m.modelInfo?.modelId ?? model;
    const provider = m.modelInfo?.providerId;
    if (provider && !read.providers.includes(provider)) read.providers.push(provider);
    const ts = clock.at(m.ts ?? ui?.tsByHistoryIndex.get(i - 1) ?? base + i * STEP_MS);
    const events = normalizer.add(i, m, ts, m.role === 'assistant' ? model : undefined);
    if (m.role !== 'assistant') continue;
    read.replies.set(i, events);
    const metrics = useUiUsage ? undefined : metricsUsage(m);
    const target = usageTarget(events);
    if (metrics && target) applyRequest(target, metrics);
  }
  return read;
}

/**
 * Each UI request's usage goes to the first reply after the message it was sent with; logs
 * from before `conversationHistoryIndex` existed are matched in order (n-th request, n-th reply).
 */
function placeUiUsage(ui: UiDigest, api: ApiRead): HailEvent[] {
  const replyIndexes = [...api.replies.keys()].sort((a, b) => a - b);
  const unplaced: HailEvent[] = [];
  let nth = 0;
  ui.requests.forEach((r, n) => {
    const at =
      r.historyIndex === undefined ? replyIndexes[nth++] : replyIndexes.find((i) => i > (r.historyIndex ?? -1));
    const events = at === undefined ? undefined : api.replies.get(at);
    const target = events ? usageTarget(events) : undefined;
    if (target) applyRequest(target, r);
    else if (hasUsage(r.usage))
      unplaced.push(requestEvent(`ui-request${n}`, toIso(r.ts) ?? '1970-01-01T00:00:00.000Z', r));
  });
  return unplaced;
}

/** UI-only knowledge worth keeping next to the API history: errors, and reasoning it lacks. */
function uiExtras(ui: UiDigest, api: ApiRead): HailEvent[] {
  return ui.events.filter(
    (e) => e.attributes?.error === true || (!api.normalizer.sawThinking && e.event_type.type === 'Thinking'),
  );
}

function sessionOf(tool: ToolName, files: TaskFiles, meta: TaskMeta, task: TaskEvents): Session {
  const { events } = task;
  const models = events.flatMap((e) => (typeof e.attributes?.model === 'string' ? [e.attributes.model] : []));
  const model = models[0] ?? meta.models[0];
  const provider = task.providers[0];
  const cwd = meta.cwd ?? task.cwd;
  return buildSession({
    tool,
    sessionId: files.taskId,
    events,
    ...(model ? { model } : {}),
    ...(inferProvider(model) === 'unknown' && provider ? { provider } : {}),
    ...(meta.title ? { title: titleFrom(meta.title) } : {}),
    attributes: { ...(cwd ? { cwd } : {}), ...(provider ? { api_provider: provider } : {}) },
  });
}

interface TaskEvents {
  events: HailEvent[];
  cwd?: string;
  providers: string[];
}

/** The API history when it has messages (enriched from the UI log), else the UI log alone. */
function taskEvents(api: ApiRead | undefined, ui: UiDigest | undefined): TaskEvents {
  const uiProviders = ui?.providers ?? [];
  if (api && api.normalizer.events.length > 0) {
    const placed = ui ? [...placeUiUsage(ui, api), ...uiExtras(ui, api)] : [];
    const cwd = api.normalizer.cwd;
    return {
      events: sortByTime([...api.normalizer.events, ...placed]),
      ...(cwd ? { cwd } : {}),
      providers: [...api.providers, ...uiProviders],
    };
  }
  return { events: ui ? sortByTime(uiOnlyEvents(ui)) : [], providers: uiProviders };
}

export function parseClineTask(path: string, fallbackTool: ToolName): Promise<ParseResult> {
  return neverThrow(path, () => parseTask(path, fallbackTool));
}

async function parseTask(path: string, fallbackTool: ToolName): Promise<ParseResult> {
  const sink = new WarningSink(path);
  if (looksBinary(await readFirstBytes(path))) {
    sink.add('binary', 'binary content, not a Cline task file');
    return { sessions: [], warnings: sink.list };
  }
  const files = await resolveTaskFiles(path);
  // Each file reports its own problems (a task is read from up to four files).
  const uiSink = new WarningSink(files.uiPath ?? path);
  const apiSink = new WarningSink(files.apiPath ?? path);
  const ui = files.uiPath ? await readUiMessages(files.uiPath, uiSink) : undefined;
  const meta = await loadTaskMeta(files, sink);
  const base = await baseTime(files, ui);
  const api = files.apiPath ? await readApiHistory(files.apiPath, ui, base, apiSink) : undefined;
  const task = taskEvents(api, ui);
  const warnings = [...apiSink.list, ...uiSink.list, ...sink.list];
  if (task.events.length === 0) {
    if (!warnings.some((w) => w.kind === 'empty'))
      warnings.push({ kind: 'empty', file: path, reason: 'task has no messages' });
    return { sessions: [], warnings };
  }
  const tool = variantOfPath(path)?.tool ?? fallbackTool;
  return { sessions: [sessionOf(tool, files, meta, task)], warnings };
}
