import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import { LF } from './json-bytes.js';

/** Lines go to zlib in buffers of about this size: one call per line cost more than the compression. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * The UTF-8 of `lines` (each followed by `\n`) in buffers of about CHUNK_BYTES, written a line
 * at a time: encoding a joined run of lines cost three times the compression once a single
 * line held a non-ASCII character (the whole run became a two-byte string).
 */
export function* utf8Chunks(lines: Iterable<string>): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const line of lines) {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 4 for 2 units).
    const room = line.length * 3 + 1;
    if (used + room > buf.length) {
      if (used > 0) yield buf.subarray(0, used);
      buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
      used = 0;
    }
    used += buf.write(line, used);
    buf[used++] = LF;
  }
  if (used > 0) yield buf.subarray(0, used);
}

/**
 * Gzips lines (each followed by `\n`) without first joining them into one string; only the
 * compressed result is held whole. zlib runs on the libuv pool, off the event loop.
 */
export function gzipLines(lines: Iterable<string>, level: number): Promise<Buffer> {
  return buffer(Readable.from(utf8Chunks(lines)).pipe(createGzip({ level })));
}
