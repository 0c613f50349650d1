import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { gzipLines } from '../../hail/gzip-lines.js';

const gunzipAsync = promisify(gunzip);

/**
 * Level 2 instead of the default 6: a 1 MB session compresses in 5-6 ms of CPU (level 4: 9,
 * level 6: 13), 16% larger than level 6. Stored bodies are written on every upload and read
 * rarely. zlib runs on the libuv pool either way, off the event loop.
 */
export const GZIP_LEVEL = 2;
/** Gzips a stored body's lines (each followed by `\n`) at GZIP_LEVEL. */
export const gzipBodyLines = (lines: Iterable<string>): Promise<Buffer> => gzipLines(lines, GZIP_LEVEL);

export function gunzipBody(data: Buffer): Promise<Buffer> {
  return gunzipAsync(data);
}
