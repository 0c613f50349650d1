import { parentPort, workerData } from 'node:worker_threads';
import { type Db, openIndexWriter } from './db.js';
import { type SourceWrite, SourceWriter } from './source-writes.js';
import type { WorkerReply } from './write-queue.js';

/** The writer thread of an index run (see workerWriteQueue). */
const port = parentPort;
if (!port) throw new Error('write-worker runs as a worker thread');
const reply = (m: WorkerReply) => port.postMessage(m);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

// A failure to start is answered batch by batch, with its message: an error thrown here
// would reach the caller without one (SQLite's errors do not survive the thread boundary).
let db: Db | undefined;
let writer: SourceWriter | string;
try {
  db = openIndexWriter((workerData as { file: string }).file);
  writer = new SourceWriter(db);
} catch (e) {
  writer = messageOf(e);
}

port.on('message', (m: { seq: number; batch: SourceWrite[] } | { close: true }) => {
  if ('close' in m) {
    db?.close();
    reply({ closed: true });
    port.close();
    return;
  }
  try {
    if (typeof writer === 'string') throw new Error(writer);
    writer.apply(m.batch);
    reply({ seq: m.seq });
  } catch (e) {
    reply({ seq: m.seq, error: messageOf(e) });
  }
});
