import { BACKSLASH, CLOSE_ARRAY, CLOSE_OBJECT, LF, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from '../../hail/json-bytes.js';
import { ApiError } from '../http-error.js';

export interface JsonGuardLimits {
  maxLineBytes: number;
  maxDepth: number;
}

/** Where `byte` next occurs in `buf` at or after `from`; `buf.length` when it does not. */
const nextIndex = (buf: Buffer, byte: number, from: number) => {
  const i = buf.indexOf(byte, from);
  return i < 0 ? buf.length : i;
};

/**
 * Scans JSON (one document, or JSONL when `perLine`) for over-long lines and deep nesting before
 * anything parses it: deep values would overflow the stack later (stringify, validation), and a
 * single giant line would be held in memory whole. Most bytes of a session are inside strings:
 * those are skipped to the next quote, backslash or newline with Buffer.indexOf (native), not
 * looked at one by one in JS (4-5 ms of a 1 MB upload). The state lives in locals while a chunk
 * is scanned.
 */
export class JsonGuard {
  private line = 1;
  private lineBytes = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(
    private readonly limits: JsonGuardLimits,
    private readonly perLine: boolean,
  ) {}

  feed(chunk: Uint8Array): void {
    const { maxLineBytes, maxDepth } = this.limits;
    const perLine = this.perLine;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = buf.length;
    let { line, lineBytes, depth, inString, escaped } = this;
    let error: ApiError | undefined;
    // Next positions of the bytes that end a run of string content, found again once passed.
    let nextQuote = -1;
    let nextBackslash = -1;
    let nextLf = perLine ? -1 : n;
    let i = 0;
    while (i < n) {
      if (inString && !escaped) {
        if (nextQuote < i) nextQuote = nextIndex(buf, QUOTE, i);
        if (nextBackslash < i) nextBackslash = nextIndex(buf, BACKSLASH, i);
        if (nextLf < i) nextLf = nextIndex(buf, LF, i);
        const end = Math.min(nextQuote, nextBackslash, nextLf);
        lineBytes += end - i;
        i = end;
        if (lineBytes > maxLineBytes) {
          error = new ApiError(413, 'line_too_long', `line ${line} is longer than ${maxLineBytes} bytes`);
          break;
        }
        if (i === n) break;
      }
      const b = buf[i++] as number;
      if (b === LF && perLine) {
        line++;
        lineBytes = 0;
        depth = 0;
        inString = false;
        escaped = false;
        continue;
      }
      if (++lineBytes > maxLineBytes) {
        error = new ApiError(413, 'line_too_long', `line ${line} is longer than ${maxLineBytes} bytes`);
        break;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
      } else if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (++depth > maxDepth) {
          error = new ApiError(400, 'too_deep', `line ${line} nests JSON deeper than ${maxDepth} levels`);
          break;
        }
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
    }
    Object.assign(this, { line, lineBytes, depth, inString, escaped });
    if (error) throw error;
  }
}

/** Passes chunks through a guard. */
export async function* guarded(chunks: AsyncIterable<Uint8Array>, guard: JsonGuard): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    guard.feed(chunk);
    yield chunk;
  }
}
