import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { HailEvent } from '../../hail/session.js';
import { neverThrow, reportNoBytes } from '../shared/guard.js';
import { buildSession, inferProvider, type SessionDraft, sortByTime } from '../shared/session-builder.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseOptions, ParseResult } from '../types.js';
import type { Stream } from './context.js';
import { TranscriptNormalizer } from './normalize.js';
import { agentIdIn, forkingParts, subagentFilesOf } from './parts.js';
import { agentIdOf, isUuid, stemOf } from './paths.js';
import { skippable } from './prefilter.js';
import { readJsonl } from './read.js';
import { ClaudeState, type SessionMeta } from './state.js';
import { foldInline, foldPart, partUuids, readPartMeta, readParts } from './subagents.js';
import { pickTitle } from './title.js';

const TOOL = 'claude-code';

interface Start {
  state: ClaudeState;
  offset: number;
  resumed: boolean;
  file: Stats;
  maxBytes?: number;
}

/** The read will stop at maxBytes before the end of the file (decided up front: subagents wait for the last slice). */
const willPage = (s: Start): boolean => s.maxBytes !== undefined && s.file.size - s.offset > s.maxBytes;

/** Where to start: the saved offset and state, or the beginning when they no longer fit. */
function startOf(opts: ParseOptions, file: Stats, sink: WarningSink): Start {
  const fresh = { state: new ClaudeState(), offset: 0, resumed: false, file, maxBytes: opts.maxBytes };
  const from = opts.fromOffset ?? 0;
  if (from <= 0) return fresh;
  if (from > file.size) {
    sink.add('truncated', `file is now shorter than the resume offset ${from}: read again from the start`);
    return fresh;
  }
  const state = ClaudeState.fromResume(opts.resume);
  if (!state) {
    sink.add('invalid', 'resume state missing or not from this parser: read again from the start');
    return fresh;
  }
  return { state, offset: from, resumed: true, file, maxBytes: opts.maxBytes };
}

function sessionAttributes(m: SessionMeta): Record<string, unknown> {
  return {
    ...(m.cwd ? { cwd: m.cwd } : {}),
    ...(m.cwds.length > 1 ? { all_cwds: m.cwds } : {}),
    ...(m.branch ? { git: { branch: m.branch } } : {}),
    ...(m.agentName ? { agent_name: m.agentName } : {}),
  };
}

/** Claude Code speaks the Anthropic API; a custom model name keeps its own provider when known. */
function providerOf(model: string | undefined): string {
  const p = inferProvider(model);
  return p === 'unknown' ? 'anthropic' : p;
}

function draftOf(s: Start, events: HailEvent[], sessionId: string, extra: Partial<SessionDraft> = {}): SessionDraft {
  const { meta, titles } = s.state;
  const title = pickTitle(titles);
  return {
    tool: TOOL,
    sessionId,
    provider: providerOf(meta.model),
    ...(meta.model ? { model: meta.model } : {}),
    ...(meta.version ? { toolVersion: meta.version } : {}),
    ...(title ? { title } : {}),
    events,
    attributes: sessionAttributes(meta),
    // A resumed read holds only new events: the session's span comes from the state.
    ...(s.resumed && meta.firstTs ? { createdAt: meta.firstTs } : {}),
    ...(s.resumed && s.state.lastTs ? { updatedAt: s.state.lastTs } : {}),
    ...extra,
  };
}

/** Reads one transcript's lines (from the start point) into a stream. */
async function readStream(path: string, s: Start, stream: Stream, live: Map<string, HailEvent>) {
  const n = new TranscriptNormalizer(s.state, stream, live, s.state.lastTs);
  const skip = (text: string) => skippable(text, stream.agentFiles);
  const end = await readJsonl(path, stream.warnings, (v, no) => n.line(v, no), {
    offset: s.offset,
    line: s.state.line,
    skip,
    maxBytes: s.maxBytes,
  });
  s.state.lastTs = n.finish(s.state.lastTs ?? new Date(s.file.mtimeMs).toISOString());
  s.state.line = end.nextLine;
  return end;
}

/** Subagent files that are new or changed since the saved state (all of them on a full parse). */
async function changedParts(paths: readonly string[], s: Start): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const prior = s.state.parts[p];
    const st = await stat(p).catch(() => undefined);
    if (st && (!prior || prior.size !== st.size || prior.mtimeMs !== st.mtimeMs)) out.push(p);
  }
  return out;
}

function result(
  sink: WarningSink,
  s: Start,
  offset: number,
  events: HailEvent[],
  draft: () => SessionDraft,
): ParseResult {
  const more = willPage(s) && offset > s.offset;
  const base = { warnings: sink.list, offset, resume: s.state.toResume(), ...(more ? { more } : {}) };
  if (!events.length) {
    if (!s.resumed && !more) sink.add('empty', 'no conversation in this transcript (only bookkeeping lines)');
    if (!s.resumed || offset === s.offset) return { sessions: [], ...base };
  }
  return { sessions: [buildSession(draft())], ...base };
}

/** A main session transcript, with its subagents folded in as lanes. */
async function parseSession(path: string, s: Start, sink: WarningSink): Promise<ParseResult> {
  const allParts = await subagentFilesOf(path);
  const paging = willPage(s);
  const changed = await changedParts(allParts, s);
  const uuids = await partUuids(await forkingParts(path, changed));
  const watch = new Set<string>();
  for (const list of uuids.values()) for (const u of list) if (u) watch.add(u);
  const live = new Map<string, HailEvent>();
  // Copies seen by earlier slices count too: the subagents are read with the last slice.
  const seen = new Set<string>(s.state.copied);
  const agentFiles = new Set(allParts.map((p) => agentIdOf(p) ?? ''));
  const stream: Stream = {
    file: path,
    warnings: sink,
    main: true,
    splitSidechains: true,
    out: [],
    lanes: new Map(),
    watch,
    seen,
    agentFiles,
  };
  const end = await readStream(path, s, stream, live);
  s.state.copied = paging ? [...seen] : [];
  const parts = paging ? [] : changed;
  const lanes = await readParts(parts, { state: s.state, live, copied: seen, uuids });
  for (const l of lanes) sink.list.push(...l.warnings.list);
  for (const p of Object.keys(s.state.parts)) if (!allParts.includes(p)) delete s.state.parts[p];
  const events = stream.out;
  for (const lane of stream.lanes.values()) events.push(...foldInline(s.state, lane));
  for (const lane of lanes) events.push(...foldPart(s.state, lane));
  const sorted = sortByTime(events);
  const stem = stemOf(path);
  const sessionId = isUuid(stem) ? stem : (s.state.meta.sessionId ?? stem);
  const model = s.state.meta.model ?? lanes.find((l) => l.lane.model)?.lane.model;
  return result(sink, s, end.offset, sorted, () => draftOf(s, sorted, sessionId, model ? { model } : {}));
}

/** A subagent transcript read on its own (its session file is gone): a session tagged `subagent`. */
async function parseAgentAlone(path: string, agentId: string, s: Start, sink: WarningSink): Promise<ParseResult> {
  const stream: Stream = { file: path, warnings: sink, main: true, splitSidechains: false, out: [], lanes: new Map() };
  const end = await readStream(path, s, stream, new Map());
  const sorted = sortByTime(stream.out);
  const parent = s.state.meta.sessionId;
  const meta = await readPartMeta(path);
  return result(sink, s, end.offset, sorted, () =>
    draftOf(s, sorted, `agent-${agentId}`, {
      ...(meta.description ? { title: meta.description } : {}),
      extraTags: ['subagent'],
      ...(parent ? { relatedSessionIds: [parent] } : {}),
      attributes: {
        ...sessionAttributes(s.state.meta),
        subagent_id: agentId,
        ...(parent ? { parent_session_id: parent } : {}),
        ...(meta.agentType ? { agent_type: meta.agentType } : {}),
      },
    }),
  );
}

async function parseTranscript(path: string, opts: ParseOptions): Promise<ParseResult> {
  const sink = new WarningSink(path);
  const file = await stat(path).catch((e: Error) => e);
  if (file instanceof Error || !file.isFile()) {
    sink.add('unreadable', file instanceof Error ? `cannot read file: ${file.message}` : 'not a regular file');
    return { sessions: [], warnings: sink.list };
  }
  const head = await readFirstBytes(path);
  if (head.length === 0) {
    await reportNoBytes(path, sink);
    return { sessions: [], warnings: sink.list, offset: 0, resume: new ClaudeState().toResume() };
  }
  if (looksBinary(head)) {
    sink.add('binary', 'binary content, not a Claude Code transcript');
    return { sessions: [], warnings: sink.list };
  }
  const start = startOf(opts, file, sink);
  const agentId = agentIdOf(path) ?? agentIdIn(head);
  return agentId ? parseAgentAlone(path, agentId, start, sink) : parseSession(path, start, sink);
}

/** Parses a Claude Code transcript (or resumes it from a byte offset). Never throws. */
export function parseClaudeCode(path: string, opts: ParseOptions = {}): Promise<ParseResult> {
  return neverThrow(path, () => parseTranscript(path, opts));
}
