import { isRecord, tryParseJson } from '../shared/text.js';

type Obj = Record<string, unknown>;

const HEAD = '{"timestamp":"';
const TURN = '","type":"turn_context","payload":';

/**
 * Parses rollout lines, reusing the last `turn_context` record when a line repeats it. Codex
 * writes one per turn, often kilobytes of instructions identical to the previous one but
 * for the timestamp: such a line becomes the earlier payload under its own time, without a
 * JSON.parse. Only lines whose text after the timestamp is the very same are reused, so the
 * result is what JSON.parse would return (the payload object is shared: readers only read it).
 */
export class TurnContextLines {
  private tail: string | undefined;
  private record: Obj | undefined;

  parse(text: string): unknown {
    const at = text.startsWith(HEAD) ? text.indexOf('"', HEAD.length) : -1;
    const ts = at > 0 ? text.slice(HEAD.length, at) : '';
    const isTurn = at > 0 && !ts.includes('\\') && text.startsWith(TURN, at);
    if (!isTurn) return tryParseJson(text);
    const tail = text.slice(at);
    if (tail === this.tail && this.record) return { ...this.record, timestamp: ts };
    const v = tryParseJson(text);
    // A second `timestamp` key would override the first: such a line is not reused.
    if (isRecord(v) && v.timestamp === ts && !tail.includes('"timestamp"')) {
      this.tail = tail;
      this.record = v;
    }
    return v;
  }
}
