import { closeFd, openFd, readFd } from '../../hail/fd.js';

/** The first `n` bytes of a file (for content sniffing); empty on any error. */
export async function readFirstBytes(path: string, n = 4096): Promise<Buffer> {
  let fd: number | undefined;
  try {
    fd = openFd(path);
    const buf = Buffer.allocUnsafe(n);
    return buf.subarray(0, readFd(fd, buf, 0, n, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) closeFd(fd);
  }
}

/** Heuristic: NUL bytes in the first chunk mean a binary file (e.g. renamed to .jsonl). */
export function looksBinary(firstBytes: Buffer): boolean {
  return firstBytes.includes(0);
}

/** The first line of a sniffed chunk, parsed as JSON when possible. */
export function firstJsonLine(firstBytes: Buffer): Record<string, unknown> | undefined {
  const text = firstBytes.toString('utf8');
  const nl = text.indexOf('\n');
  const line = (nl === -1 ? text : text.slice(0, nl)).replace(/^\uFEFF/, '').trim();
  try {
    const v = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
