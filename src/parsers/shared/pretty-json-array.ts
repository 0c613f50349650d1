import { closeFd, openFd, readFd } from '../../hail/fd.js';
import { CLOSE_ARRAY, CLOSE_OBJECT, COMMA, LF, OPEN_OBJECT, SPACE } from '../../hail/json-bytes.js';
import { jsonTextOf } from './json-text.js';

/**
 * Reads a JSON document as `JSON.stringify(doc, null, 2)` writes it (Gemini CLI chats, Amp
 * threads) whose root member `key` holds a long array, an element at a time: each element is
 * decoded and parsed alone, so no string of the whole file is ever built. On this kind of
 * machine that string, and the buffer it is decoded from, cost more than parsing: fresh memory
 * is slow to fault in, and a 20 MB chat is rewritten (and read again) after every message.
 *
 * It relies on the layout: a raw newline never occurs inside a JSON string, and indentation
 * follows depth, so in the `key` array every element opens on a line `    {` and closes on a
 * line `    }` or `    },`, and the array closes on a line `  ]` or `  ],`. Anything else
 * (compact JSON, CRLF, an element that is not an object, a file cut short, an element that is
 * not valid JSON) returns undefined, and the caller parses the file whole, as it would anyway.
 */
export async function readPrettyJsonArray(
  path: string,
  key: string,
  maxBytes: number,
): Promise<Record<string, unknown> | undefined> {
  const fd = openFd(path);
  const reader = new ElementReader(key, spare.pop() ?? Buffer.allocUnsafeSlow(INITIAL));
  try {
    let pos = 0;
    for (;;) {
      const buf = reader.room();
      const bytesRead = readFd(fd, buf, reader.fill, buf.length - reader.fill, pos);
      pos += bytesRead;
      if (pos > maxBytes) return undefined;
      if (!reader.take(bytesRead, bytesRead === 0)) return undefined;
      if (bytesRead === 0) return reader.document();
    }
  } finally {
    closeFd(fd);
    // A buffer grown for one huge element is let go rather than held for the process's life.
    if (reader.buf.length === INITIAL) spare.push(reader.buf);
  }
}

/** Beyond this a document is left to the caller's own reading (and its limits). */
export const MAX_PRETTY_BYTES = 256 * 1024 * 1024;
const INITIAL = 1 << 21;
/**
 * Members before the array are a few ids and times: past this without finding it, the layout is
 * not the expected one (compact JSON is one long line), and the caller's reading takes over.
 */
const MAX_HEAD = 1 << 20;
/** Work buffers are reused: fresh ones would cost the page faults this module avoids. */
const spare: Buffer[] = [];

/** `buf[s, s + n)` are spaces. */
function spaces(buf: Buffer, s: number, n: number): boolean {
  for (let i = s; i < s + n; i++) if (buf[i] !== SPACE) return false;
  return true;
}

/** The line `buf[s, e)` is indented by more than four spaces (inside an element). */
const deeper = (buf: Buffer, s: number, e: number): boolean => e - s > 5 && spaces(buf, s, 5);

/** The line `buf[s, e)` is `c` or `c,` after exactly `indent` spaces. */
function isMark(buf: Buffer, s: number, e: number, indent: number, c: number): boolean {
  const len = e - s;
  if (len !== indent + 1 && !(len === indent + 2 && buf[e - 1] === COMMA)) return false;
  return buf[s + indent] === c && spaces(buf, s, indent);
}

type Stage = 'head' | 'array' | 'element' | 'tail';

/** The state of one read: `buf[0, fill)` holds the bytes not yet consumed. */
class ElementReader {
  fill = 0;
  private stage: Stage = 'head';
  /** Where the line being scanned starts. */
  private line = 0;
  /** Where the current element starts (stage 'element'). */
  private start = 0;
  /** The file offset of `buf[0]`. */
  private base = 0;
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  private readonly elements: unknown[] = [];
  private readonly opener: Buffer;

  constructor(
    private readonly key: string,
    public buf: Buffer,
  ) {
    this.opener = Buffer.from(`  ${JSON.stringify(key)}: [`);
  }

  /** The buffer to read into, with room after `fill`. */
  room(): Buffer {
    if (this.fill < this.buf.length) return this.buf;
    const bigger = Buffer.allocUnsafeSlow(this.buf.length * 2);
    this.buf.copy(bigger, 0, 0, this.fill);
    this.buf = bigger;
    return bigger;
  }

  /** Scans `n` new bytes (none at the end of the file); false when the layout is not the expected one. */
  take(n: number, eof: boolean): boolean {
    this.fill += n;
    // Only the filled part is searched: past it are stale bytes of an earlier read.
    const filled = this.buf.subarray(0, this.fill);
    for (;;) {
      const nl = filled.indexOf(LF, this.line);
      const end = nl < 0 ? (eof ? this.fill : -1) : nl;
      if (end < 0 || (eof && this.line >= this.fill)) break;
      if (!this.onLine(this.line, end)) return false;
      this.line = end + 1;
    }
    this.compact();
    return this.stage !== 'head' || this.base + this.fill <= MAX_HEAD;
  }

  /** The line `buf[s, e)` with its newline, when it has one, as JSON text. */
  private lineText(s: number, e: number): string {
    return jsonTextOf(this.buf.subarray(s, Math.min(e + 1, this.fill)));
  }

  private onLine(s: number, e: number): boolean {
    const buf = this.buf;
    switch (this.stage) {
      case 'head':
        if (this.base + e > MAX_HEAD) return false;
        this.head.push(this.lineText(s, e));
        if (e - s === this.opener.length && buf.subarray(s, e).equals(this.opener)) this.stage = 'array';
        return true;
      case 'array':
        if (isMark(buf, s, e, 4, OPEN_OBJECT)) {
          this.stage = 'element';
          this.start = s;
          return true;
        }
        if (!isMark(buf, s, e, 2, CLOSE_ARRAY)) return false;
        this.stage = 'tail';
        this.tail.push(this.lineText(s, e));
        return true;
      case 'element':
        if (deeper(buf, s, e)) return true;
        if (!isMark(buf, s, e, 4, CLOSE_OBJECT)) return false;
        this.stage = 'array';
        return this.element(this.start, buf[e - 1] === COMMA ? e - 1 : e);
      case 'tail':
        this.tail.push(this.lineText(s, e));
        return true;
    }
  }

  private element(s: number, e: number): boolean {
    try {
      this.elements.push(JSON.parse(jsonTextOf(this.buf.subarray(s, e))));
      return true;
    } catch {
      return false;
    }
  }

  /** Moves the bytes still needed (the open element, or the partial line) to the front. */
  private compact(): void {
    const keep = this.stage === 'element' ? this.start : this.line;
    this.buf.copy(this.buf, 0, keep, this.fill);
    this.base += keep;
    this.fill -= keep;
    this.line -= keep;
    this.start -= keep;
  }

  /** The whole document, the array put back; undefined when the file ended before the array did. */
  document(): Record<string, unknown> | undefined {
    if (this.stage !== 'tail') return undefined;
    try {
      const doc = JSON.parse(`${this.head.join('')}${this.tail.join('')}`) as unknown;
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
      (doc as Record<string, unknown>)[this.key] = this.elements;
      return doc as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}
