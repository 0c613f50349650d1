import { open } from 'node:fs/promises';

/** The first `n` bytes of a file (for content sniffing); empty on any error. */
export async function readFirstBytes(path: string, n = 4096): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await fh?.close();
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
