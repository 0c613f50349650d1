import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { gzipLines } from '../hail/gzip-lines.js';
import { type ReadResult, readHailSession } from '../hail/jsonl-read.js';
import { eventLine, hailLines } from '../hail/jsonl-write.js';
import { settleAppended } from '../hail/order.js';
import type { HailEvent, Session } from '../hail/session.js';
import { recomputeStats } from '../hail/stats.js';

/**
 * Durable copy of every indexed session, as gzip'd HAIL JSONL under the data dir, so a
 * session outlives the tool deleting its own log (Claude Code prunes after 30 days).
 */
export function archivePath(dataDir: string, tool: string, sessionId: string): string {
  const safe = sessionId.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(dataDir, 'archive', tool.replace(/[^a-z0-9-]/g, '_'), safe.slice(0, 2) || '__', `${safe}.hail.jsonl.gz`);
}

let tmpSeq = 0;

// Level 1: the archive is written for every indexed session, and on JSON text it still
// shrinks ~5x at a third of level 6's CPU.
const GZIP_LEVEL = 1;

/** Compressed in memory (only the compressed bytes are held whole), then written at once. */
async function writeGzipLines(file: string, lines: Iterable<string>, flag: 'w' | 'a'): Promise<void> {
  await writeFile(file, await gzipLines(lines, GZIP_LEVEL), { flag });
}

/** Archive folders already made by this process: most sessions share one with earlier ones. */
const madeDirs = new Set<string>();

/** Runs `write` into `dir`, making the folder first unless this process already did. */
async function inDir(dir: string, write: () => Promise<void>): Promise<void> {
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
    return write();
  }
  try {
    await write();
  } catch (e) {
    // Removed since (a long-running daemon outlives folders): make it again, once.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    madeDirs.delete(dir);
    await inDir(dir, write);
  }
}

/** Writes a whole session (atomically: temp file then rename). */
export async function writeArchive(file: string, session: Session): Promise<void> {
  // Unique per write: two sources may carry the same session and be indexed at once.
  const tmp = `${file}.tmp-${process.pid}-${++tmpSeq}`;
  try {
    await inDir(dirname(file), () => writeGzipLines(tmp, hailLines(session), 'w'));
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Appends events and a fresh stats line as a new gzip member: concatenated members are a
 * valid gzip stream, and HAIL readers take the last stats line, so appends stay O(new).
 */
export async function appendArchive(file: string, events: readonly HailEvent[]): Promise<void> {
  // No stats line: the appender sees only the new events, and a reader recomputes stats
  // when events follow the last stats line.
  await writeGzipLines(file, events.map(eventLine), 'a');
}

export async function archiveExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * An archived session, with appended events settled (see settleAppended). Stats are
 * recomputed from the settled events: after an append no stored stats line covers them all.
 */
export async function readArchive(file: string): Promise<ReadResult> {
  const read = await readHailSession(createReadStream(file).pipe(createGunzip()));
  const events = settleAppended(read.session.events);
  return { ...read, session: { ...read.session, events, stats: recomputeStats(events) } };
}
