import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Line } from '../../hail/lines.js';
import { parseJsonLenient } from '../shared/json-salvage.js';
import { readJsonText } from '../shared/json-text.js';
import { fileLineBatches } from '../shared/read-lines.js';
import { looksBinary, readFirstBytes } from '../shared/sniff.js';
import { isRecord, str } from '../shared/text.js';
import { WarningSink } from '../shared/warnings.js';
import type { ParseOptions, ParseResult, ResumeState } from '../types.js';
import { CodexReader } from './reader.js';
import { metaOf, recordOf } from './records.js';
import { type CodexState, newState, restoreState } from './state.js';
import { TurnContextLines } from './turn-contexts.js';

const UUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl?$/i;

/** The session id a rollout's name carries (`rollout-<time>-<uuid>.jsonl`), for files without a header. */
export function idFromPath(path: string): string {
  const name = basename(path);
  return UUID_TAIL.exec(name)?.[1] ?? name.replace(/\.jsonl?$/i, '');
}

/** Legacy single-JSON rollouts are rewritten whole; larger ones are not worth holding in memory. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

interface Start {
  state: CodexState;
  from: number;
}

/** Where to start: the caller's offset and state when they are usable, else the beginning. */
function startOf(opts: ParseOptions, size: number): Start {
  const from = opts.fromOffset ?? 0;
  const state = from > 0 ? restoreState(opts.resume) : undefined;
  if (!state || from > size) return { state: newState(), from: 0 };
  return { state, from };
}

function consume(reader: CodexReader, line: Line, warnings: WarningSink, turns: TurnContextLines): void {
  if (line.text.trim() === '') return;
  const obj = turns.parse(line.text);
  if (!isRecord(obj)) {
    warnings.add('bad-line', obj === undefined ? 'invalid JSON' : 'expected a JSON object', line.no);
    return;
  }
  reader.record(recordOf(obj), line.no);
}

async function readLines(
  path: string,
  reader: CodexReader,
  start: Start,
  warnings: WarningSink,
  maxBytes?: number,
): Promise<number> {
  let offset = start.from;
  const turns = new TurnContextLines();
  try {
    for await (const batch of fileLineBatches(path, start.from, start.state.line + 1, maxBytes)) {
      for (const line of batch) {
        if (!line.complete) {
          if (line.text.trim()) warnings.add('truncated', 'last line is incomplete (still being written?)', line.no);
          break;
        }
        offset = line.end;
        start.state.line = line.no;
        consume(reader, line, warnings, turns);
      }
    }
  } catch (e) {
    warnings.add('unreadable', `read failed: ${(e as Error).message}`);
  }
  return offset;
}

/** A JSONL rollout (every vintage since Aug 2025), whole or from where the last read stopped. */
async function parseJsonl(path: string, opts: ParseOptions, warnings: WarningSink): Promise<ParseResult> {
  const size = await fileSize(path, warnings);
  if (size === undefined) return { sessions: [], warnings: warnings.list };
  const start = startOf(opts, size);
  if (start.from === 0) {
    const head = await readFirstBytes(path);
    if (looksBinary(head)) {
      warnings.add('binary', 'binary content, not a Codex rollout');
      return { sessions: [], warnings: warnings.list, offset: 0, resume: start.state as unknown as ResumeState };
    }
  }
  const reader = new CodexReader(start.state, warnings);
  const paged = opts.maxBytes !== undefined && size - start.from > opts.maxBytes;
  const offset = await readLines(path, reader, start, warnings, opts.maxBytes);
  const more = paged && offset > start.from;
  reader.finish();
  if (start.from === 0 && !reader.hasConversation && !more) {
    // Nothing but a header or injected context yet: report it empty and read it whole next time.
    warnings.add('empty', 'no conversation in this rollout yet (header or injected context only)');
    return { sessions: [], warnings: warnings.list, offset: 0 };
  }
  const session = reader.session(idFromPath(path));
  return {
    sessions: session ? [session] : [],
    warnings: warnings.list,
    offset,
    resume: start.state as unknown as ResumeState,
    ...(more ? { more } : {}),
  };
}

/** The legacy `rollout-*.json` (before Aug 2025): `{session: {id, timestamp, instructions}, items: [...]}`. */
async function parseLegacyJson(path: string, warnings: WarningSink): Promise<ParseResult> {
  const size = await fileSize(path, warnings);
  if (size === undefined) return { sessions: [], warnings: warnings.list };
  if (size > MAX_JSON_BYTES) {
    warnings.add('unreadable', `legacy rollout of ${size} bytes is larger than ${MAX_JSON_BYTES}`);
    return { sessions: [], warnings: warnings.list };
  }
  let text: string;
  try {
    text = await readJsonText(path);
  } catch (e) {
    warnings.add('unreadable', (e as Error).message);
    return { sessions: [], warnings: warnings.list };
  }
  const parsed = parseJsonLenient(text);
  if (parsed?.truncated) warnings.add('truncated', 'JSON is cut short or damaged; kept the complete part');
  const doc = parsed?.value;
  if (!isRecord(doc)) {
    warnings.add(text.trim() ? 'invalid' : 'empty', 'not a Codex legacy rollout object');
    return { sessions: [], warnings: warnings.list };
  }
  const reader = new CodexReader(newState(), warnings);
  const session = isRecord(doc.session) ? doc.session : {};
  reader.record({ kind: 'meta', ts: str(session.timestamp), meta: metaOf(session) }, 0);
  const items = Array.isArray(doc.items) ? doc.items : [];
  items.forEach((item, i) => {
    if (isRecord(item)) reader.record(recordOf(item), i + 1);
    else warnings.add('bad-line', `items[${i}] is not an object`);
  });
  reader.finish();
  const s = reader.hasConversation ? reader.session(idFromPath(path)) : undefined;
  if (!s) warnings.add('empty', 'no conversation in this rollout');
  return { sessions: s ? [s] : [], warnings: warnings.list };
}

async function fileSize(path: string, warnings: WarningSink): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    warnings.add('unreadable', (e as Error).message);
    return undefined;
  }
}

/** Parses one Codex rollout; never throws (problems are warnings). */
export async function parseRollout(path: string, opts: ParseOptions = {}): Promise<ParseResult> {
  const warnings = new WarningSink(path);
  try {
    if (/\.json$/i.test(path)) return await parseLegacyJson(path, warnings);
    return await parseJsonl(path, opts, warnings);
  } catch (e) {
    // A bug, not bad input: still reported as a warning so one file cannot stop an index run.
    warnings.add('invalid', `parser error: ${(e as Error).message}`);
    return { sessions: [], warnings: warnings.list };
  }
}
