import { closeFd, openFd, readFd } from './fd.js';

const CHUNK = 1 << 20;
/**
 * Chunk buffers are reused (splitLineBatches copies what it keeps): a fresh megabyte per
 * file costs page faults that outweigh reading a small file.
 */
const spare: Buffer[] = [];

/**
 * Reads `[from, EOF)` in chunks of at most 1 MiB. A short read ends the file: what is
 * appended later is picked up by the next (offset-resumed) read. Compared with
 * createReadStream this saves the thread-pool round trips (see fd.ts) and a copy of every
 * chunk, which are most of the cost for the typical sub-megabyte session file.
 *
 * Each yielded chunk is only valid until the next one is requested (the buffer is reused):
 * consumers copy what they keep, as splitLineBatches does.
 */
export async function* fileChunks(path: string, from = 0): AsyncGenerator<Buffer> {
  const fd = openFd(path);
  const buf = spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
  try {
    let pos = from;
    for (;;) {
      const bytesRead = readFd(fd, buf, 0, CHUNK, pos);
      if (bytesRead > 0) yield buf.subarray(0, bytesRead);
      if (bytesRead < CHUNK) return;
      pos += bytesRead;
    }
  } finally {
    closeFd(fd);
    spare.push(buf);
  }
}
