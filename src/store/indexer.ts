import type { Session } from '../hail/session.js';
import { discoverAll } from '../parsers/discover.js';
import { loadParsers } from '../parsers/registry.js';
import type {
  DiscoveredSource,
  DiscoverRoots,
  ParseOptions,
  ParseResult,
  Parser,
  ParseWarning,
} from '../parsers/types.js';
import { appendArchive, archiveExists, archivePath, writeArchive } from './archive.js';
import type { Db } from './db.js';
import { prepareAppend, prepareInsert } from './prepared-session.js';
import {
  type Fingerprint,
  partsSignature,
  type SourceRow,
  type SourceSave,
  SourceStore,
  tailSignature,
} from './source-state.js';
import type { SourceWrite } from './source-writes.js';
import { inlineWriteQueue, type WriteQueue, workerWriteQueue } from './write-queue.js';

export interface IndexProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  sessions: number;
  current?: string;
}

export interface ToolSummary {
  found: number;
  parsed: number;
  appended: number;
  skipped: number;
  failed: number;
  empty: number;
  sessions: number;
}

export interface IndexSummary {
  byTool: Record<string, ToolSummary>;
  totals: ToolSummary;
  /** Sources whose files are gone; their sessions stay, marked "source deleted". */
  removed: number;
  warnings: ParseWarning[];
  warningCount: number;
  durationMs: number;
}

export interface IndexOptions {
  db: Db;
  dataDir: string;
  roots: DiscoverRoots;
  tools?: readonly string[];
  /** Parsers to use instead of the registry's (tests, external parsers). */
  parsers?: readonly Parser[];
  onProgress?: (p: IndexProgress) => void;
  /** Keep at most this many warnings in the summary (all are counted). */
  maxWarnings?: number;
  /** Bytes of an append-only file parsed at a time (default 8 MiB; tests use small slices). */
  sliceBytes?: number;
  /**
   * Where SQL runs: on a writer thread beside parsing, or on this thread. `auto` (default)
   * starts the thread for big runs only: it costs ~100 ms to start.
   */
  writer?: 'auto' | 'thread' | 'inline';
}

/** Changed sources, or bytes in them, from which a run starts the writer thread. */
const THREAD_MIN_SOURCES = 64;
const THREAD_MIN_BYTES = 64 * 1024 * 1024;
/** Append-only files are parsed this many bytes at a time (see indexOne). */
export const SLICE_BYTES = 8 * 1024 * 1024;
/** Sources parsed at once (see indexSources). */
const CONCURRENCY = 4;

const emptySummary = (): ToolSummary => ({
  found: 0,
  parsed: 0,
  appended: 0,
  skipped: 0,
  failed: 0,
  empty: 0,
  sessions: 0,
});

type Outcome = 'parsed' | 'appended' | 'skipped' | 'failed' | 'empty';

/**
 * Brings the index up to date with every discovered source. A source is re-read only
 * when its size, mtime or parts changed; append-only files resume at their stored offset.
 * DB writes are batched in transactions; a run killed at any point leaves a consistent
 * DB, and sources not yet committed are simply redone by the next run.
 */
export async function indexSources(opts: IndexOptions): Promise<IndexSummary> {
  const started = performance.now();
  const { db } = opts;
  const list = opts.parsers ?? (await loadParsers(opts.tools));
  const parsers = new Map(list.map((p) => [p.tool as string, p]));
  const discovered = await discoverAll(opts.roots, { tools: [...parsers.keys()], parsers: list });
  const sources = discovered.sources.sort((a, b) => a.path.localeCompare(b.path));
  const store = new SourceStore(db);
  const known = store.fingerprints();
  const partsSigs = new Map(sources.map((s) => [s.path, partsSignature(s.parts)]));
  const byTool: Record<string, ToolSummary> = {};
  const warnings: ParseWarning[] = [...discovered.warnings];
  let warningCount = warnings.length;
  const maxWarnings = opts.maxWarnings ?? 50;
  const progress: IndexProgress = {
    done: 0,
    total: sources.length,
    bytesDone: 0,
    bytesTotal: sources.reduce((a, s) => a + s.size, 0),
    sessions: 0,
  };
  const queue = writeQueueFor(db, opts.writer ?? 'auto', sources, known);
  const ctx: IndexContext = {
    store,
    dataDir: opts.dataDir,
    queue,
    sliceBytes: opts.sliceBytes ?? SLICE_BYTES,
    known,
    partsSigs,
  };
  const indexNext = async (src: DiscoveredSource): Promise<void> => {
    byTool[src.tool] ??= emptySummary();
    const t = byTool[src.tool] as ToolSummary;
    t.found++;
    progress.current = src.path;
    const step = await indexOne(src, parsers.get(src.tool) as Parser, ctx);
    t[step.outcome]++;
    t.sessions += step.sessions;
    progress.sessions += step.sessions;
    for (const w of step.warnings) {
      warningCount++;
      if (warnings.length < maxWarnings) warnings.push(w);
    }
    progress.done++;
    progress.bytesDone += src.size;
    opts.onProgress?.(progress);
  };
  // A few sources in flight at once: one's file reads and archive writes overlap another's
  // parsing. DB writes still commit in order, in batches (on the writer thread for big runs).
  let next = 0;
  const lane = async () => {
    while (next < sources.length) await indexNext(sources[next++] as DiscoveredSource);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, lane));
  } catch (e) {
    await queue.finish().catch(() => {});
    throw e;
  }
  await queue.finish();
  const removed = markRemoved(db, store, known, new Set(parsers.keys()), new Set(sources.map((s) => s.path)));
  const totals = emptySummary();
  for (const t of Object.values(byTool))
    for (const k of Object.keys(totals) as (keyof ToolSummary)[]) totals[k] += t[k];
  return { byTool, totals, removed, warnings, warningCount, durationMs: performance.now() - started };
}

interface Step {
  outcome: Outcome;
  sessions: number;
  warnings: ParseWarning[];
}

/** Whether the run is big enough to pay for starting the writer thread. */
function writeQueueFor(
  db: Db,
  mode: 'auto' | 'thread' | 'inline',
  sources: readonly DiscoveredSource[],
  known: ReadonlyMap<string, Fingerprint>,
): WriteQueue {
  if (mode === 'inline' || db.memory) return inlineWriteQueue(db);
  if (mode === 'thread') return workerWriteQueue(db.name);
  let count = 0;
  let bytes = 0;
  for (const s of sources) {
    const k = known.get(s.path);
    if (k && !k.deleted && k.size === s.size && k.mtime_ms === s.mtimeMs) continue;
    count++;
    bytes += s.size - (k && s.size >= k.size ? k.size : 0);
  }
  return count >= THREAD_MIN_SOURCES || bytes >= THREAD_MIN_BYTES ? workerWriteQueue(db.name) : inlineWriteQueue(db);
}

interface IndexContext {
  store: SourceStore;
  dataDir: string;
  /** DB writes, committed in batches; `now` for a slice of a big file (its rows must not pile up). */
  queue: WriteQueue;
  sliceBytes: number;
  /** Fingerprints of the sources indexed before this run. */
  known: ReadonlyMap<string, Fingerprint>;
  /** Parts signatures, all started at once: a warm run is mostly these stats. */
  partsSigs: ReadonlyMap<string, Promise<string>>;
}

const unchanged = (prev: Fingerprint | undefined, src: DiscoveredSource, partsSig: string): boolean =>
  Boolean(
    prev && !prev.deleted && prev.size === src.size && prev.mtime_ms === src.mtimeMs && prev.parts_sig === partsSig,
  );

async function parseSafely(parser: Parser, path: string, opts: ParseOptions): Promise<ParseResult | ParseWarning> {
  try {
    return await parser.parse(path, opts);
  } catch (e) {
    // Parsers must not throw; if one does, the source is recorded as failed, not fatal.
    return { kind: 'unreadable', file: path, reason: `parser error: ${(e as Error).message}` };
  }
}

/**
 * Indexes one source. Append-only files are read in slices of `sliceBytes`, each written to
 * the DB and archive before the next is parsed, so a multi-GB transcript never sits in memory
 * whole; later slices take the same path as an append.
 */
async function indexOne(src: DiscoveredSource, parser: Parser, ctx: IndexContext): Promise<Step> {
  const partsSig = await (ctx.partsSigs.get(src.path) ?? partsSignature(src.parts));
  if (unchanged(ctx.known.get(src.path), src, partsSig)) return { outcome: 'skipped', sessions: 0, warnings: [] };
  const prev = ctx.store.get(src.path);
  const resumed = canResume(prev, src, parser, partsSig) && (await sameTail(src.path, prev));
  const paging = parser.appendOnly ? { maxBytes: ctx.sliceBytes } : {};
  let opts: ParseOptions = resumed
    ? { fromOffset: prev.byte_offset as number, resume: JSON.parse(prev.resume ?? '{}'), ...paging }
    : paging;
  const step: Step = { outcome: resumed ? 'appended' : 'empty', sessions: 0, warnings: [] };
  let resuming = resumed;
  for (;;) {
    const result = await parseSafely(parser, src.path, opts);
    if (!('sessions' in result)) {
      await ctx.queue.push({ source: sourceSave(src, partsSig, 'failed', [result]), replace: false, sessions: [] });
      return { outcome: 'failed', sessions: 0, warnings: [...step.warnings, result] };
    }
    step.warnings.push(...result.warnings);
    const fresh = await writeSlice(src, partsSig, result, resuming, ctx);
    if (!resumed) step.sessions += fresh;
    if (!result.more || result.offset === undefined || result.offset <= (opts.fromOffset ?? 0)) break;
    resuming = true;
    opts = { fromOffset: result.offset, resume: result.resume, ...paging };
  }
  if (!resumed && step.sessions > 0) step.outcome = 'parsed';
  return step;
}

/** Archives one parse result and queues its DB writes; returns how many sessions were new. */
async function writeSlice(
  src: DiscoveredSource,
  partsSig: string,
  result: ParseResult,
  resuming: boolean,
  ctx: IndexContext,
): Promise<number> {
  const sessions = result.sessions.filter((s) => s.events.length > 0);
  const archives = await Promise.all(sessions.map((s) => writeSessionArchive(ctx.dataDir, s, resuming)));
  const tail = result.offset !== undefined ? await tailSignature(src.path, result.offset) : null;
  // A slice short of the end records how far it got, not the file's size: a run killed
  // between slices then sees a changed file and resumes there instead of taking it as done.
  const row = result.more && result.offset !== undefined ? { ...src, size: result.offset, mtimeMs: 0 } : src;
  const status = resuming || result.more || sessions.length ? 'ok' : 'empty';
  const write: SourceWrite = {
    source: sourceSave(row, partsSig, status, result.warnings, result, tail),
    replace: !resuming,
    sessions: sessions.map((s, i) => {
      const archive = archives[i] as { path: string; appended: boolean };
      return { session: archive.appended ? prepareAppend(s) : prepareInsert(s), archivePath: archive.path };
    }),
  };
  await ctx.queue.push(write, result.more === true);
  return archives.filter((a) => !a.appended).length;
}

/** The bytes before the stored offset are unchanged, so the file was only appended to. */
async function sameTail(path: string, prev: SourceRow | undefined): Promise<boolean> {
  if (!prev?.tail_sig || prev.byte_offset === null) return false;
  return (await tailSignature(path, prev.byte_offset)) === prev.tail_sig;
}

function canResume(
  prev: SourceRow | undefined,
  src: DiscoveredSource,
  parser: Parser,
  partsSig: string,
): prev is SourceRow {
  return Boolean(
    parser.appendOnly &&
      prev &&
      !prev.deleted &&
      prev.status === 'ok' &&
      prev.byte_offset !== null &&
      src.size >= prev.size &&
      prev.parts_sig === partsSig,
  );
}

/**
 * Archives a parsed session. When resuming, sessions already archived get the new events
 * appended (O(new)); a session first seen in the appended bytes is archived whole.
 */
async function writeSessionArchive(
  dataDir: string,
  s: Session,
  resuming: boolean,
): Promise<{ path: string; appended: boolean }> {
  const path = archivePath(dataDir, s.agent.tool, s.session_id);
  if (resuming) {
    if (await archiveExists(path)) {
      await appendArchive(path, s.events);
      return { path, appended: true };
    }
  }
  await writeArchive(path, s);
  return { path, appended: false };
}

function sourceSave(
  src: DiscoveredSource,
  partsSig: string,
  status: string,
  warnings: readonly ParseWarning[],
  result?: ParseResult,
  tailSig: string | null = null,
): SourceSave {
  return {
    path: src.path,
    tool: src.tool,
    size: src.size,
    mtime_ms: src.mtimeMs,
    parts_sig: partsSig,
    byte_offset: result?.offset ?? null,
    tail_sig: tailSig,
    resume: result?.resume ? JSON.stringify(result.resume) : null,
    status,
    warning_count: warnings.length,
    warnings: warnings.length ? JSON.stringify(warnings.slice(0, 20)) : null,
  };
}

/** Sources indexed before whose files are gone now: their sessions stay, marked "source deleted". */
function markRemoved(
  db: Db,
  store: SourceStore,
  known: ReadonlyMap<string, Fingerprint>,
  tools: ReadonlySet<string>,
  seen: ReadonlySet<string>,
): number {
  const gone = [...known].filter(([path, f]) => !f.deleted && tools.has(f.tool) && !seen.has(path));
  if (gone.length === 0) return 0;
  const flag = db.prepare('UPDATE sessions SET source_deleted = 1 WHERE source_id = ?');
  db.transaction(() => {
    for (const [, f] of gone) {
      store.delete(f.id);
      flag.run(f.id);
    }
  })();
  return gone.length;
}
