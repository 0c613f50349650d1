import { readFile, stat } from 'node:fs/promises';
import type { HailEvent } from '../../hail/session.js';
import { sortByTime } from '../shared/session-builder.js';
import { subagentLane } from '../shared/subagent-lane.js';
import { isRecord, str, titleFrom } from '../shared/text.js';
import { WarningSink } from '../shared/warnings.js';
import type { Lane, Stream } from './context.js';
import { TranscriptNormalizer } from './normalize.js';
import { agentIdOf, metaPathOf } from './paths.js';
import { skippable } from './prefilter.js';
import { readJsonl } from './read.js';
import type { ClaudeState, PartMark, TaskCall } from './state.js';
import { agentKind } from './title.js';

export interface PartMeta {
  agentType?: string;
  description?: string;
}

/** A subagent transcript read into one lane. */
export interface PartLane {
  path: string;
  lane: Lane;
  meta: PartMeta;
  mark: PartMark;
  warnings: WarningSink;
}

/** The `.meta.json` sidecar (2.1+); empty when absent or unreadable (it is optional). */
export async function readPartMeta(agentPath: string): Promise<PartMeta> {
  try {
    const v: unknown = JSON.parse(await readFile(metaPathOf(agentPath), 'utf8'));
    if (!isRecord(v)) return {};
    const agentType = str(v.agentType);
    const description = str(v.description);
    return { ...(agentType ? { agentType } : {}), ...(description ? { description } : {}) };
  } catch {
    return {};
  }
}

/** Each part's line uuids by line number ('' or a hole without one), to find copies of the parent. */
export async function partUuids(paths: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const p of paths) {
    const uuids: string[] = [];
    const note = (v: unknown, no: number) => {
      uuids[no - 1] = isRecord(v) ? (str(v.uuid) ?? '') : '';
    };
    await readJsonl(p, new WarningSink(p), note, { offset: 0, line: 1 });
    out.set(p, uuids);
  }
  return out;
}

/** How many leading lines of a part are copies of its parent's lines (a forked agent). */
function copiedPrefix(uuids: readonly string[], copied: ReadonlySet<string>): number {
  let n = 0;
  while (n < uuids.length && copied.has(uuids[n] ?? '')) n++;
  return n;
}

interface PartRead {
  state: ClaudeState;
  live: Map<string, HailEvent>;
  /** Uuids of lines the parent transcript already holds. */
  copied: ReadonlySet<string>;
  /** Leading lines to skip without reading (known copies, from a previous parse). */
  skipLines: number;
}

/** Reads a whole subagent transcript into a lane keyed by its agent id. */
async function readPart(path: string, r: PartRead): Promise<PartLane> {
  const agentId = agentIdOf(path) ?? path;
  const warnings = new WarningSink(path);
  const lane: Lane = { key: agentId, agentId, events: [] };
  const stream: Stream = {
    file: path,
    warnings,
    main: false,
    splitSidechains: false,
    out: lane.events,
    lanes: new Map(),
    lane,
    skip: r.copied,
  };
  const n = new TranscriptNormalizer(r.state, stream, r.live);
  const skip = (text: string) => skippable(text, undefined);
  await readJsonl(path, warnings, (v, no) => no > r.skipLines && n.line(v, no), { offset: 0, line: 1, skip });
  const st = await stat(path).catch(() => undefined);
  n.finish(new Date(st?.mtimeMs ?? 0).toISOString());
  const mark = { size: st?.size ?? 0, mtimeMs: st?.mtimeMs ?? 0, skip: r.skipLines };
  return { path, lane, meta: await readPartMeta(path), mark, warnings };
}

/**
 * Reads changed subagent files into lanes, skipping the lines that copy the parent (by
 * uuid now, or by the copied prefix counted on an earlier read), and records their marks.
 */
export async function readParts(
  paths: readonly string[],
  r: Omit<PartRead, 'skipLines'> & { uuids: ReadonlyMap<string, string[]> },
): Promise<PartLane[]> {
  const lanes: PartLane[] = [];
  for (const p of paths) {
    const known = r.state.parts[p]?.skip ?? 0;
    const skipLines = Math.max(known, copiedPrefix(r.uuids.get(p) ?? [], r.copied));
    const lane = await readPart(p, { ...r, skipLines });
    r.state.parts[p] = lane.mark;
    lanes.push(lane);
  }
  return lanes;
}

/** The Task call that spawned a subagent: by agent id, else description, else prompt. */
function spawningTask(state: ClaudeState, p: PartLane): TaskCall | undefined {
  const tasks = [...state.tasks.values()];
  const { agentId, firstPrompt } = p.lane;
  const { description, agentType } = p.meta;
  return (
    tasks.find((t) => t.agentId === agentId) ??
    tasks.find(
      (t) =>
        !t.claimed &&
        description &&
        t.description === description &&
        (!agentType || !t.agentType || t.agentType === agentType),
    ) ??
    tasks.find((t) => !t.claimed && firstPrompt && t.prompt === firstPrompt)
  );
}

function laneAttributes(agentId: string | undefined, task: TaskCall | undefined, agentType: string | undefined) {
  return {
    ...(agentId ? { subagent_id: agentId } : {}),
    ...(task ? { call_id: task.id } : {}),
    ...(agentType ? { agent_type: agentType } : {}),
  };
}

/** A subagent file's lane, linked to its Task call when the data allows. */
export function foldPart(state: ClaudeState, p: PartLane): HailEvent[] {
  const task = spawningTask(state, p);
  if (task) task.claimed = true;
  const { lane, meta } = p;
  const agentType = meta.agentType ?? task?.agentType;
  const id = lane.agentId ?? lane.key;
  return subagentLane({
    taskId: lane.key,
    title:
      meta.description ?? task?.description ?? agentType ?? agentKind(id) ?? titleFrom(lane.firstPrompt ?? '') ?? id,
    events: sortByTime(lane.events),
    ...(lane.model ? { model: lane.model } : {}),
    attributes: laneAttributes(lane.agentId, task, agentType),
    ...(task?.summary ? { summary: task.summary } : {}),
  });
}

/** An inline sidechain (or progress-echo) lane of the main file. */
export function foldInline(state: ClaudeState, lane: Lane): HailEvent[] {
  const task = lane.callId ? state.tasks.get(lane.callId) : undefined;
  const kind = lane.agentId ? agentKind(lane.agentId) : undefined;
  return subagentLane({
    taskId: lane.key,
    title: task?.description ?? task?.agentType ?? kind ?? titleFrom(lane.firstPrompt ?? '') ?? lane.key,
    events: sortByTime(lane.events),
    ...(lane.model ? { model: lane.model } : {}),
    attributes: laneAttributes(lane.agentId, task, task?.agentType),
    ...(task?.summary ? { summary: task.summary } : {}),
  });
}
