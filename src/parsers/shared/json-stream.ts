import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  CR,
  LF,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  SPACE,
  TAB,
} from '../../hail/json-bytes.js';
import type { WarningSink } from './warnings.js';

/**
 * One piece of a streamed JSON document: a member of a top-level object, or an element of
 * the top-level array (or of the top-level object's `arrayKey` array).
 */
export type JsonStreamItem =
  | { kind: 'member'; key: string; value: unknown }
  | { kind: 'element'; index: number; value: unknown };

export interface JsonStreamOptions {
  /** For a top-level object: yield the elements of this array member one at a time. */
  arrayKey?: string;
  /** Top-level object members skipped without being parsed or buffered (large debug blobs). */
  skipKeys?: readonly string[];
}

const isSpace = (b: number): boolean => b === SPACE || b === LF || b === CR || b === TAB;
const isOpen = (b: number): boolean => b === OPEN_ARRAY || b === OPEN_OBJECT;
const isClose = (b: number): boolean => b === CLOSE_ARRAY || b === CLOSE_OBJECT;
/** The UTF-8 BOM's bytes, skipped before the document starts (a chunk may split them). */
const isBom = (b: number): boolean => b === 0xef || b === 0xbb || b === 0xbf;

type Frame =
  | { type: 'array'; index: number }
  | { type: 'object'; expect: 'key' | 'colon' | 'value' | 'comma'; key?: string };

interface Capture {
  shape: 'container' | 'string' | 'primitive';
  /** Depth of the frame the value sits in; a container value ends when depth returns here. */
  depth: number;
  parts: Buffer[] | undefined;
  done: (text: string | undefined) => void;
}

/**
 * Incremental scanner over the bytes of a JSON document. Only the top level (and the
 * `arrayKey` array) is tracked structurally; each value below it is buffered as raw bytes
 * and parsed on its own, so memory stays bounded by the largest single value and a file cut
 * mid-write still yields every complete value before the cut.
 */
class JsonScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private frames: Frame[] = [];
  private capture: Capture | undefined;
  private started = false;
  private finished = false;
  private readonly out: JsonStreamItem[] = [];

  constructor(
    private readonly sink: WarningSink,
    private readonly opts: JsonStreamOptions,
  ) {}

  get complete(): boolean {
    return this.finished;
  }

  get sawStart(): boolean {
    return this.started;
  }

  feed(chunk: Buffer): JsonStreamItem[] {
    let i = 0;
    let capStart = this.capture ? 0 : -1;
    for (; i < chunk.length && !this.finished; i++) {
      const b = chunk[i]!;
      if (this.capture) {
        if (capStart === -1) capStart = i;
        const end = this.scanCaptured(b);
        if (end === 'continue') continue;
        const upTo = end === 'include' ? i + 1 : i;
        this.finishCapture(chunk, capStart, upTo);
        capStart = -1;
        if (end === 'include') continue;
      }
      this.structural(b);
      if (this.capture) capStart = i;
    }
    if (this.capture?.parts && capStart !== -1) this.capture.parts.push(Buffer.from(chunk.subarray(capStart)));
    return this.out.splice(0);
  }

  /** Whether byte `b` ends the captured value: `include` it, stop `before` it, or `continue`. */
  private scanCaptured(b: number): 'include' | 'before' | 'continue' {
    const cap = this.capture!;
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (b === BACKSLASH) this.escape = true;
      else if (b === QUOTE) {
        this.inString = false;
        if (cap.shape === 'string') return 'include';
      }
      return 'continue';
    }
    if (cap.shape === 'primitive') return isSpace(b) || b === COMMA || isClose(b) ? 'before' : 'continue';
    if (b === QUOTE) this.inString = true;
    else if (isOpen(b)) this.depth++;
    else if (isClose(b)) {
      this.depth--;
      if (this.depth === cap.depth) return 'include';
    }
    return 'continue';
  }

  private finishCapture(chunk: Buffer, from: number, to: number): void {
    const cap = this.capture!;
    this.capture = undefined;
    if (!cap.parts) {
      cap.done(undefined);
      return;
    }
    cap.parts.push(chunk.subarray(from, to));
    let text: string | undefined;
    try {
      text = Buffer.concat(cap.parts).toString('utf8');
    } catch (e) {
      this.sink.add('invalid', `value too large to read: ${(e as Error).message}`);
    }
    cap.done(text);
  }

  private startCapture(b: number, keep: boolean, done: (text: string | undefined) => void): void {
    const shape = isOpen(b) ? 'container' : b === QUOTE ? 'string' : 'primitive';
    this.capture = { shape, depth: this.depth, parts: keep ? [] : undefined, done };
    if (shape === 'container') this.depth++;
    else if (shape === 'string') this.inString = true;
  }

  private structural(b: number): void {
    if (isSpace(b) || (!this.started && isBom(b))) return;
    const frame = this.frames[this.frames.length - 1];
    if (!frame) this.topLevel(b);
    else if (frame.type === 'array') this.inArray(frame, b);
    else this.inObject(frame, b);
  }

  private topLevel(b: number): void {
    if (this.started) return; // trailing bytes after the document are ignored
    this.started = true;
    if (b === OPEN_ARRAY) this.open({ type: 'array', index: 0 });
    else if (b === OPEN_OBJECT) this.open({ type: 'object', expect: 'key' });
    else {
      this.sink.add('invalid', 'not a JSON object or array');
      this.finished = true;
    }
  }

  private open(f: Frame): void {
    this.frames.push(f);
    this.depth++;
  }

  private close(): void {
    this.frames.pop();
    this.depth--;
    if (this.frames.length === 0) this.finished = true;
    const parent = this.frames[this.frames.length - 1];
    if (parent?.type === 'object') parent.expect = 'comma';
  }

  private inArray(frame: Extract<Frame, { type: 'array' }>, b: number): void {
    if (b === COMMA) return;
    if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      this.close();
      return;
    }
    const index = frame.index++;
    this.startCapture(b, true, (text) => this.emit(text, (value) => ({ kind: 'element', index, value }), index));
  }

  private inObject(frame: Extract<Frame, { type: 'object' }>, b: number): void {
    if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) this.close();
    else if (frame.expect === 'key') {
      if (b !== QUOTE) return; // a stray comma or junk before a key
      this.startCapture(b, true, (text) => {
        frame.key = typeof text === 'string' ? String(parseOr(text, '')) : '';
        frame.expect = 'colon';
      });
    } else if (frame.expect === 'colon') {
      if (b === COLON) frame.expect = 'value';
    } else if (frame.expect === 'value') {
      this.memberValue(frame, b);
    } else if (b === COMMA) frame.expect = 'key';
  }

  private memberValue(frame: Extract<Frame, { type: 'object' }>, b: number): void {
    const key = frame.key ?? '';
    frame.expect = 'comma';
    if (this.frames.length === 1 && key === this.opts.arrayKey && b === OPEN_ARRAY) {
      this.open({ type: 'array', index: 0 });
      return;
    }
    const keep = this.frames.length > 1 || !this.opts.skipKeys?.includes(key);
    this.startCapture(b, keep, (text) => {
      if (this.frames.length === 1) this.emit(text, (value) => ({ kind: 'member', key, value }));
    });
  }

  private emit(text: string | undefined, make: (value: unknown) => JsonStreamItem, index?: number): void {
    if (text === undefined) return;
    try {
      this.out.push(make(JSON.parse(text)));
    } catch (e) {
      const where = index === undefined ? 'a member' : `element ${index}`;
      this.sink.add('invalid', `${where} is not valid JSON: ${(e as Error).message}`);
    }
  }
}

/**
 * Streams a JSON document from byte chunks: top-level object members or array elements, as
 * they complete. Problems become warnings (`empty`, `invalid`, `truncated`); never throws.
 */
export async function* scanJson(
  chunks: AsyncIterable<Buffer | string>,
  sink: WarningSink,
  opts: JsonStreamOptions = {},
): AsyncGenerator<JsonStreamItem> {
  const scanner = new JsonScanner(sink, opts);
  for await (const raw of chunks) {
    yield* scanner.feed(typeof raw === 'string' ? Buffer.from(raw) : raw);
    if (scanner.complete) return;
  }
  if (!scanner.sawStart) sink.add('empty', 'file is empty');
  else if (!scanner.complete)
    sink.add('truncated', 'JSON ends before the document closes (file cut or still being written?)');
}

/** Files up to this size are parsed with one JSON.parse (10–50x faster than scanning). */
const WHOLE_PARSE_LIMIT = 32 * 1024 * 1024;

/** The items {@link scanJson} yields, taken from an already parsed document. */
function* itemsOf(doc: object, opts: JsonStreamOptions): Generator<JsonStreamItem> {
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) yield { kind: 'element', index: i, value: doc[i] };
    return;
  }
  for (const [key, value] of Object.entries(doc)) {
    if (opts.skipKeys?.includes(key)) continue;
    if (key === opts.arrayKey && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) yield { kind: 'element', index: i, value: value[i] };
    } else yield { kind: 'member', key, value };
  }
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

function parseWhole(buf: Buffer): object | undefined {
  try {
    const doc: unknown = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
    return typeof doc === 'object' && doc !== null ? doc : undefined;
  } catch {
    return undefined;
  }
}

/**
 * {@link scanJson} over a file; an unreadable file becomes an `unreadable` warning. A file of
 * ordinary size is parsed whole; the scanner takes over for huge files, and for broken ones,
 * whose every complete value it still recovers.
 */
export async function* streamJsonFile(
  path: string,
  sink: WarningSink,
  opts: JsonStreamOptions = {},
): AsyncGenerator<JsonStreamItem> {
  try {
    if ((await stat(path)).size <= WHOLE_PARSE_LIMIT) {
      const buf = await readFile(path);
      const doc = parseWhole(buf);
      if (doc) yield* itemsOf(doc, opts);
      else yield* scanJson(once(buf), sink, opts);
      return;
    }
    yield* scanJson(createReadStream(path, { highWaterMark: 1 << 20 }), sink, opts);
  } catch (e) {
    sink.add('unreadable', `cannot read file: ${(e as Error).message}`);
  }
}

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
