import { CR, LF } from './json-bytes.js';

/**
 * Splits a byte stream into lines without ever holding more than one line plus one chunk,
 * so files larger than V8's string limit can be read. Offsets are byte positions in the
 * source, which lets append-only files resume exactly where the last read stopped.
 */
export interface Line {
  text: string;
  /** 1-based line number (counted from `startLine`). */
  no: number;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just past the line's `\n` (where the next read resumes). */
  end: number;
  /** False for a last line with no `\n`: possibly still being written. */
  complete: boolean;
}

export interface SplitOptions {
  startOffset?: number;
  startLine?: number;
}

function decode(buf: Buffer, start: number, end: number, first: boolean): string {
  let e = end;
  if (e > start && buf[e - 1] === CR) e--;
  let s = start;
  // A UTF-8 BOM at the very start of a file is not part of the first line's JSON.
  if (first && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
  return buf.toString('utf8', s, e);
}

/** Yields the lines of `chunks` in batches (one batch per chunk: cheaper than a yield per line). */
export async function* splitLineBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  opts: SplitOptions = {},
): AsyncGenerator<Line[]> {
  let offset = opts.startOffset ?? 0;
  let no = (opts.startLine ?? 1) - 1;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const first = () => no === 0 && offset === 0;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const batch: Line[] = [];
    let from = 0;
    let nl = chunk.indexOf(LF, from);
    while (nl !== -1) {
      let buf = chunk;
      let s = from;
      let e = nl;
      if (pendingLen > 0) {
        pending.push(chunk.subarray(from, nl));
        buf = Buffer.concat(pending, pendingLen + nl - from);
        s = 0;
        e = buf.length;
        pending = [];
        pendingLen = 0;
      }
      const len = e - s;
      const text = decode(buf, s, e, first());
      no++;
      batch.push({ text, no, start: offset, end: offset + len + 1, complete: true });
      offset += len + 1;
      from = nl + 1;
      nl = chunk.indexOf(LF, from);
    }
    if (from < chunk.length) {
      // A copy, so the producer may reuse its chunk buffer for the next read.
      pending.push(Buffer.from(chunk.subarray(from)));
      pendingLen += chunk.length - from;
    }
    if (batch.length) yield batch;
  }
  if (pendingLen > 0) {
    const buf = Buffer.concat(pending, pendingLen);
    no++;
    yield [{ text: decode(buf, 0, buf.length, first()), no, start: offset, end: offset + pendingLen, complete: false }];
  }
}

/** Line-at-a-time convenience over {@link splitLineBatches}. */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array | string>,
  opts: SplitOptions = {},
): AsyncGenerator<Line> {
  for await (const batch of splitLineBatches(chunks, opts)) yield* batch;
}
