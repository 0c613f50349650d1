import { ApiError } from '../http-error.js';

export interface JsonGuardLimits {
  maxLineBytes: number;
  maxDepth: number;
}

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Scans JSON (one document, or JSONL when `perLine`) for over-long lines and deep nesting before
 * anything parses it: deep values would overflow the stack later (stringify, validation), and a
 * single giant line would be held in memory whole.
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
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === LF && this.perLine) {
        this.line++;
        this.lineBytes = 0;
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
        continue;
      }
      if (++this.lineBytes > maxLineBytes)
        throw new ApiError(413, 'line_too_long', `line ${this.line} is longer than ${maxLineBytes} bytes`);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
      } else if (b === QUOTE) this.inString = true;
      else if (OPENERS.has(b)) {
        if (++this.depth > maxDepth)
          throw new ApiError(400, 'too_deep', `line ${this.line} nests JSON deeper than ${maxDepth} levels`);
      } else if (CLOSERS.has(b)) this.depth--;
    }
  }
}

/** Passes chunks through a guard. */
export async function* guarded(chunks: AsyncIterable<Uint8Array>, guard: JsonGuard): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    guard.feed(chunk);
    yield chunk;
  }
}
