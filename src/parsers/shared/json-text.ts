import { isAscii } from 'node:buffer';
import { fileChunks } from '../../hail/file-chunks.js';

/**
 * JSON text of a whole file, decoded for JSON.parse. Two costs dominate reading a JSON file
 * and both are avoided here:
 * - V8 turns UTF-8 holding even one non-ASCII byte into a two-byte string, through a slow
 *   path, and parses that slower too. JSON allows non-ASCII characters only inside strings,
 *   where a `\uXXXX` escape means the same character: so text with a few of them (the usual
 *   case) becomes one-byte text with those escaped, and JSON.parse returns the very same
 *   values. Text dense with non-ASCII (CJK prose) is decoded plainly, a block at a time.
 * - Fresh memory is expensive (page faults): `readFile` allocates a buffer the size of the
 *   file. The file is read through the reused chunk buffers of {@link fileChunks} instead and
 *   decoded in small pieces, so the joined text is the only large allocation.
 * A leading UTF-8 byte-order mark is dropped. The result is for JSON.parse, not for display.
 */
const BLOCK = 1 << 16;
/** Non-ASCII runs in one block past which plain decoding is the cheaper way. */
const MAX_RUNS_PER_BLOCK = 64;

const isContinuation = (b: number): boolean => (b & 0xc0) === 0x80;

const escapeText = (s: string): string => {
  let out = '';
  for (let i = 0; i < s.length; i++) out += `\\u${(s.charCodeAt(i) + 0x10000).toString(16).slice(1)}`;
  return out;
};

/** `buf[s, e)` as one-byte text with escapes, or undefined when it holds too many non-ASCII runs. */
function escaped(buf: Buffer, s: number, e: number): string[] | undefined {
  const parts: string[] = [];
  let runs = 0;
  let from = s;
  for (let i = s; i < e; i++) {
    if ((buf[i] as number) < 0x80) continue;
    if (++runs > MAX_RUNS_PER_BLOCK) return undefined;
    if (i > from) parts.push(buf.toString('latin1', from, i));
    let j = i + 1;
    while (j < e && (buf[j] as number) >= 0x80) j++;
    parts.push(escapeText(buf.toString('utf8', i, j)));
    from = j;
    i = j - 1;
  }
  if (e > from) parts.push(buf.toString('latin1', from, e));
  return parts;
}

/** Decodes `buf[s, e)`, which starts and ends on character boundaries, onto `parts`. */
function pushBlock(buf: Buffer, s: number, e: number, parts: string[]): void {
  if (isAscii(buf.subarray(s, e))) {
    parts.push(buf.toString('latin1', s, e));
    return;
  }
  const esc = escaped(buf, s, e);
  if (esc) for (const p of esc) parts.push(p);
  else parts.push(buf.toString('utf8', s, e));
}

/** Where the trailing incomplete UTF-8 sequence of `buf` starts (buf.length when there is none). */
function completeEnd(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    const b = buf[i] as number;
    if (b < 0x80) return buf.length;
    if (isContinuation(b)) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return buf.length - i >= need ? buf.length : i;
  }
  return buf.length;
}

/** Decodes `buf[s, e)` in blocks that each end on a character boundary. */
function pushRange(buf: Buffer, s: number, e: number, parts: string[]): void {
  while (s < e) {
    let end = Math.min(e, s + BLOCK);
    while (end < e && isContinuation(buf[end] as number)) end++;
    pushBlock(buf, s, end, parts);
    s = end;
  }
}

const hasBom = (buf: Buffer): boolean => buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;

/** The JSON text of bytes already in memory. */
export function jsonTextOf(buf: Buffer): string {
  const start = hasBom(buf) ? 3 : 0;
  if (isAscii(buf)) return buf.toString('latin1', start, buf.length);
  const parts: string[] = [];
  pushRange(buf, start, buf.length, parts);
  return parts.join('');
}

/** The JSON text of a file (throws when it cannot be read, like readFile). */
export async function readJsonText(path: string): Promise<string> {
  const parts: string[] = [];
  /** A character cut by the end of the previous chunk (copied: chunk buffers are reused). */
  let carry: Buffer | undefined;
  let first = true;
  for await (const chunk of fileChunks(path)) {
    let s = first && hasBom(chunk) ? 3 : 0;
    first = false;
    if (carry) {
      while (s < chunk.length && isContinuation(chunk[s] as number)) s++;
      const joined = Buffer.concat([carry, chunk.subarray(0, s)]);
      pushRange(joined, 0, joined.length, parts);
      carry = undefined;
    }
    const end = completeEnd(chunk);
    pushRange(chunk, s, end, parts);
    if (end < chunk.length) carry = Buffer.from(chunk.subarray(end));
  }
  if (carry) pushRange(carry, 0, carry.length, parts);
  return parts.length === 1 ? (parts[0] as string) : parts.join('');
}
