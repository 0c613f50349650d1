import { isRecord, str } from '../shared/text.js';

/** Git facts of a Codex session, in HAIL's attribute shape. */
export interface GitInfo {
  branch?: string;
  commit?: string;
  repo_url?: string;
}

/** What a session_meta line (or the older header line) says about the session. */
export interface SessionMeta {
  id?: string;
  timestamp?: string;
  cwd?: string;
  originator?: string;
  cliVersion?: string;
  source?: string;
  provider?: string;
  git?: GitInfo;
}

type Obj = Record<string, unknown>;

/**
 * One line of a rollout, whatever its vintage. Codex changed its layout twice: the
 * normalizers below absorb the differences so the reader sees one shape.
 */
export type CodexRecord =
  | { kind: 'meta'; ts?: string; meta: SessionMeta }
  | { kind: 'item'; ts?: string; item: Obj }
  | { kind: 'event'; ts?: string; msg: Obj }
  | { kind: 'turn'; ts?: string; turn: Obj }
  | { kind: 'compacted'; ts?: string; message: string }
  | { kind: 'skip' }
  | { kind: 'unknown'; ts?: string; type: string; raw: Obj };

function gitOf(v: unknown): GitInfo | undefined {
  if (!isRecord(v)) return undefined;
  const git: GitInfo = {};
  const branch = str(v.branch);
  const commit = str(v.commit_hash) ?? str(v.commit);
  const url = str(v.repository_url) ?? str(v.repo_url);
  if (branch) git.branch = branch;
  if (commit) git.commit = commit;
  if (url) git.repo_url = url;
  return Object.keys(git).length ? git : undefined;
}

export function metaOf(p: Obj): SessionMeta {
  const meta: SessionMeta = {};
  const set = <K extends keyof SessionMeta>(k: K, v: SessionMeta[K] | undefined) => {
    if (v !== undefined && v !== '') meta[k] = v;
  };
  set('id', str(p.id));
  set('timestamp', str(p.timestamp));
  set('cwd', str(p.cwd));
  set('originator', str(p.originator));
  set('cliVersion', str(p.cli_version));
  set('source', typeof p.source === 'string' ? p.source : undefined);
  set('provider', str(p.model_provider));
  set('git', gitOf(p.git));
  return meta;
}

const ENVELOPE_KINDS = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);

/** Since Sept 2025 (codex_cli_rs ≥ 0.3x): `{timestamp, type, payload}` envelopes. */
function fromEnvelope(o: Obj, type: string): CodexRecord {
  const ts = str(o.timestamp);
  const p = o.payload;
  if (type === 'compacted') {
    const message = isRecord(p) ? (str(p.message) ?? '') : '';
    return { kind: 'compacted', ts, message };
  }
  if (!isRecord(p)) return { kind: 'unknown', ts, type, raw: o };
  switch (type) {
    case 'session_meta':
      return { kind: 'meta', ts, meta: metaOf(isRecord(p.meta) ? p.meta : p) };
    case 'response_item':
      return { kind: 'item', ts, item: p };
    case 'event_msg':
      return { kind: 'event', ts, msg: p };
    default:
      return { kind: 'turn', ts, turn: p };
  }
}

/**
 * Aug 2025 JSONL: a header `{id, timestamp, instructions, git}`, then bare response items
 * and `{record_type: "state"}` markers (which carry nothing we show).
 */
function fromBareLine(o: Obj): CodexRecord {
  if ('record_type' in o) return { kind: 'skip' };
  if (typeof o.type === 'string') return { kind: 'item', item: o };
  if (typeof o.role === 'string') return { kind: 'item', item: o };
  if (typeof o.id === 'string' && 'timestamp' in o) return { kind: 'meta', ts: str(o.timestamp), meta: metaOf(o) };
  return { kind: 'unknown', type: 'unknown', raw: o };
}

/** Normalizes one parsed JSONL line. */
export function recordOf(o: Obj): CodexRecord {
  const type = o.type;
  if (typeof type === 'string' && ENVELOPE_KINDS.has(type) && ('payload' in o || type === 'compacted'))
    return fromEnvelope(o, type);
  if (typeof type === 'string' && 'payload' in o) return { kind: 'unknown', ts: str(o.timestamp), type, raw: o };
  return fromBareLine(o);
}

const partText = (p: unknown): string | undefined => (isRecord(p) ? str(p.text) : undefined);

/**
 * The ocodex fork's legacy rollout-*.json stores Chat Completions messages
 * (`{role, content, tool_calls, tool_call_id, reasoning}`) instead of Responses items.
 * Each becomes the equivalent Responses items so the rest of the reader is shared.
 */
export function chatMessageItems(m: Obj): Obj[] {
  const role = str(m.role);
  if (!role) return [m];
  if (role === 'tool') {
    return [{ type: 'function_call_output', call_id: str(m.tool_call_id), output: textOfContent(m.content) }];
  }
  const items: Obj[] = [];
  const reasoning = str(m.reasoning);
  if (role === 'assistant' && reasoning?.trim()) items.push({ type: 'reasoning', summary: [{ text: reasoning }] });
  const text = textOfContent(m.content);
  if (text.trim()) {
    const kind = role === 'assistant' ? 'output_text' : 'input_text';
    items.push({ type: 'message', role, content: [{ type: kind, text }] });
  }
  const calls = Array.isArray(m.tool_calls) ? m.tool_calls.filter(isRecord) : [];
  for (const c of calls) {
    const fn = isRecord(c.function) ? c.function : {};
    items.push({ type: 'function_call', name: str(fn.name) ?? 'unknown', arguments: fn.arguments, call_id: str(c.id) });
  }
  return items;
}

function textOfContent(c: unknown): string {
  if (typeof c === 'string') return c;
  if (Array.isArray(c))
    return c
      .map(partText)
      .filter((t): t is string => t !== undefined)
      .join('\n');
  return '';
}
