import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';
import { type SourceWrite, SourceWriter } from './source-writes.js';

const FLUSH_EVENTS = 20_000;
const FLUSH_SOURCES = 200;
/**
 * Characters of event text. A batch is copied to the writer thread and lives in both heaps
 * until collected: on the M history, 8 M characters per batch peaked at ~500 MB RSS, 512 K at
 * ~340 MB (inline: ~290 MB), in the same time.
 */
const FLUSH_CHARS = 512 * 1024;
/** Batches posted to the writer thread and not yet committed: the next waits (bounds memory). */
const MAX_IN_FLIGHT = 1;

/**
 * Collects an index run's writes into batches, each committed in one transaction, in order.
 * A run killed at any point leaves the DB consistent: uncommitted sources are redone next run.
 */
export interface WriteQueue {
  /** Queues a write; `now` commits it and what waits with it at once. */
  push(write: SourceWrite, now?: boolean): Promise<void>;
  /** Commits what is queued, waits for every commit, and releases the writer. */
  finish(): Promise<void>;
}

type Commit = (batch: SourceWrite[]) => Promise<void>;

function batching(commit: Commit, close: () => Promise<void>): WriteQueue {
  let pending: SourceWrite[] = [];
  let events = 0;
  let chars = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    events = 0;
    chars = 0;
    await commit(batch);
  };
  return {
    async push(write, now = false) {
      pending.push(write);
      for (const { session } of write.sessions) {
        events += session.events.length;
        for (const e of session.events) chars += e.text.length;
      }
      if (now || events >= FLUSH_EVENTS || chars >= FLUSH_CHARS || pending.length >= FLUSH_SOURCES) await flush();
    },
    async finish() {
      try {
        await flush();
      } finally {
        await close();
      }
    },
  };
}

/** Commits on this thread (small runs, in-memory DBs): no thread to start. */
export function inlineWriteQueue(db: Db): WriteQueue {
  const writer = new SourceWriter(db);
  return batching(
    async (batch) => writer.apply(batch),
    async () => {},
  );
}

/** The worker's entry, as this build runs: compiled JS, or TypeScript under tsx (tests, bench). */
function startWorker(file: string): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./write-worker.js', here), { workerData: { file } });
  // A worker does not inherit the tsx loader: register it before importing the entry.
  // require.resolve finds the CommonJS build; its ESM twin registers the loader for imports.
  const tsx = pathToFileURL(
    createRequire(here)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./write-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: { file } });
}

export type WorkerReply = { seq: number; error?: string } | { closed: true };

/**
 * Commits on a writer thread with its own connection, so SQLite's work (a third of a cold
 * index) runs beside parsing and archiving instead of after it. Batches are posted as plain
 * rows (see prepared-session.ts) and committed in order; the first failure fails the run.
 */
export function workerWriteQueue(file: string): WriteQueue {
  const worker = startWorker(file);
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let seq = 0;
  let failure: Error | undefined;
  let closed: () => void = () => {};
  let ended = false;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
    closed();
  };
  worker.on('message', (m: WorkerReply) => {
    if ('closed' in m) {
      ended = true;
      return closed();
    }
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (m.error) fail(new Error(`index writer: ${m.error}`));
    else w?.resolve();
  });
  worker.on('error', (e) => fail(new Error(`index writer thread failed: ${e?.message ?? String(e)}`)));
  worker.on('exit', (code) => {
    if (!ended) fail(new Error(`index writer thread exited (code ${code})`));
  });
  const inFlight: Promise<void>[] = [];
  const commit: Commit = async (batch) => {
    if (failure) throw failure;
    const n = ++seq;
    const done = new Promise<void>((resolve, reject) => waiting.set(n, { resolve, reject }));
    // Rejections surface through the await below or in finish(), never unhandled.
    done.catch(() => {});
    worker.postMessage({ seq: n, batch });
    inFlight.push(done);
    if (inFlight.length > MAX_IN_FLIGHT) await inFlight.shift();
  };
  const close = async () => {
    const settled = await Promise.allSettled(inFlight);
    if (!failure) {
      const gone = new Promise<void>((resolve) => {
        closed = resolve;
      });
      worker.postMessage({ close: true });
      await gone;
    }
    ended = true;
    await worker.terminate();
    const rejected = settled.find((s) => s.status === 'rejected');
    if (failure ?? rejected) throw failure ?? (rejected as PromiseRejectedResult).reason;
  };
  return batching(commit, close);
}
