import { z } from 'zod';
import {
  formatDuration,
  isErrorEvent,
  messageText,
  modifiedPaths,
  oneLine,
  sessionObjective,
  truncate,
} from './extract.js';
import { type HailEvent, type Session, type Stats, StatsSchema } from './session.js';

const MESSAGE_CHARS = 120;
// The LCS table is (n+1)·(m+1) cells: 2,000 a side keeps it near 8 MB and well under a second.
const LCS_MAX_MESSAGES = 2000;

const count = z.number().int().nonnegative();

const SideSchema = z.object({
  session_id: z.string(),
  tool: z.string(),
  model: z.string(),
  objective: z.string(),
  duration_seconds: count,
  messages: count,
  tokens: count,
  errors: count,
});

const StatDeltaSchema = z.object({ a: z.number(), b: z.number(), delta: z.number() });

const RoleSchema = z.enum(['user', 'agent']);

const MessageRowSchema = z.object({
  role: RoleSchema,
  a: z.string().optional(),
  b: z.string().optional(),
  /** Equal after normalising whitespace and case. */
  same: z.boolean(),
});

export const SessionDiffSchema = z.object({
  a: SideSchema,
  b: SideSchema,
  stats: z.record(StatsSchema.keyof(), StatDeltaSchema),
  /** Calls per tool name (ToolCall) or specialised event type, busiest first. */
  tools: z.array(z.object({ name: z.string(), a: count, b: count })),
  files_modified: z.object({ both: z.array(z.string()), a_only: z.array(z.string()), b_only: z.array(z.string()) }),
  messages: z.array(MessageRowSchema),
});
export type SessionDiff = z.infer<typeof SessionDiffSchema>;
type MessageRow = z.infer<typeof MessageRowSchema>;
type Role = z.infer<typeof RoleSchema>;

// ─── Computing ───────────────────────────────────────────────────────────────

function side(s: Session): SessionDiff['a'] {
  return {
    session_id: s.session_id,
    tool: s.agent.tool,
    model: s.agent.model,
    objective: sessionObjective(s),
    duration_seconds: s.stats.duration_seconds,
    messages: s.stats.message_count,
    tokens: s.stats.total_input_tokens + s.stats.total_output_tokens,
    errors: s.events.filter(isErrorEvent).length,
  };
}

function statDeltas(a: Stats, b: Stats): SessionDiff['stats'] {
  const out: Partial<SessionDiff['stats']> = {};
  for (const key of StatsSchema.keyof().options) {
    const [x, y] = [a[key] ?? 0, b[key] ?? 0];
    out[key] = { a: x, b: y, delta: y - x };
  }
  return out as SessionDiff['stats'];
}

/** The reference's count_tool_calls key: the tool's own name, or the specialised event type. */
function toolKey(e: HailEvent): string | undefined {
  switch (e.event_type.type) {
    case 'ToolCall':
      return e.event_type.data.name;
    case 'FileRead':
    case 'CodeSearch':
    case 'FileSearch':
    case 'FileEdit':
    case 'FileCreate':
    case 'FileDelete':
    case 'ShellCommand':
    case 'WebSearch':
    case 'WebFetch':
      return e.event_type.type;
    default:
      return undefined;
  }
}

function toolTable(a: Session, b: Session): SessionDiff['tools'] {
  const rows = new Map<string, { name: string; a: number; b: number }>();
  const tally = (s: Session, which: 'a' | 'b') => {
    for (const e of s.events) {
      const name = toolKey(e);
      if (name === undefined) continue;
      const row = rows.get(name) ?? { name, a: 0, b: 0 };
      row[which]++;
      rows.set(name, row);
    }
  };
  tally(a, 'a');
  tally(b, 'b');
  return [...rows.values()].sort((x, y) => y.a + y.b - (x.a + x.b) || (x.name < y.name ? -1 : 1));
}

function fileSets(a: Session, b: Session): SessionDiff['files_modified'] {
  const [pa, pb] = [modifiedPaths(a.events), modifiedPaths(b.events)];
  const inB = new Set(pb);
  const inA = new Set(pa);
  return {
    both: pa.filter((p) => inB.has(p)),
    a_only: pa.filter((p) => !inB.has(p)),
    b_only: pb.filter((p) => !inA.has(p)),
  };
}

interface Message {
  role: Role;
  text: string;
  /** Interned id of role + normalised text: equal ids mean "the same message". */
  id: number;
}

function messages(s: Session, ids: Map<string, number>): Message[] {
  const out: Message[] = [];
  for (const e of s.events) {
    const t = e.event_type.type;
    if (t !== 'UserMessage' && t !== 'AgentMessage') continue;
    const text = oneLine(messageText(e));
    if (!text) continue;
    const role: Role = t === 'UserMessage' ? 'user' : 'agent';
    const key = `${role}\n${text.toLowerCase()}`;
    const id = ids.get(key) ?? ids.size;
    ids.set(key, id);
    out.push({ role, text: truncate(text, MESSAGE_CHARS), id });
  }
  return out;
}

const matchRow = (x: Message, y: Message): MessageRow => ({ role: x.role, a: x.text, b: y.text, same: true });

/**
 * Lines up two runs that have no common message, index by index: messages of the same
 * role side by side (changed, or same by coincidence), the others on their own rows.
 */
function positional(as: readonly Message[], bs: readonly Message[]): MessageRow[] {
  const rows: MessageRow[] = [];
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const [x, y] = [as[i], bs[i]];
    if (x && y && x.role === y.role) rows.push({ role: x.role, a: x.text, b: y.text, same: x.id === y.id });
    else {
      if (x) rows.push({ role: x.role, a: x.text, same: false });
      if (y) rows.push({ role: y.role, b: y.text, same: false });
    }
  }
  return rows;
}

/** Longest common subsequence alignment; what lies between two matches is paired positionally. */
function lcsAlign(as: readonly Message[], bs: readonly Message[]): MessageRow[] {
  const [n, m] = [as.length, bs.length];
  const w = m + 1;
  // suffix[i*w+j] = LCS length of as[i..] and bs[j..]; ≤ 2,000 fits 16 bits.
  const suffix = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      suffix[i * w + j] =
        as[i]!.id === bs[j]!.id
          ? suffix[(i + 1) * w + j + 1]! + 1
          : Math.max(suffix[(i + 1) * w + j]!, suffix[i * w + j + 1]!);
  const rows: MessageRow[] = [];
  let gapA: Message[] = [];
  let gapB: Message[] = [];
  let [i, j] = [0, 0];
  while (i < n && j < m) {
    if (as[i]!.id === bs[j]!.id) {
      rows.push(...positional(gapA, gapB), matchRow(as[i++]!, bs[j++]!));
      [gapA, gapB] = [[], []];
    } else if (suffix[(i + 1) * w + j]! >= suffix[i * w + j + 1]!) gapA.push(as[i++]!);
    else gapB.push(bs[j++]!);
  }
  return [...rows, ...positional([...gapA, ...as.slice(i)], [...gapB, ...bs.slice(j)])];
}

function alignMessages(as: readonly Message[], bs: readonly Message[]): MessageRow[] {
  // Sessions compared are often a re-run or a continuation: trimming the shared start and
  // end first keeps the quadratic part small.
  let pre = 0;
  while (pre < as.length && pre < bs.length && as[pre]!.id === bs[pre]!.id) pre++;
  let post = 0;
  while (post < as.length - pre && post < bs.length - pre && as.at(-1 - post)!.id === bs.at(-1 - post)!.id) post++;
  const midA = as.slice(pre, as.length - post);
  const midB = bs.slice(pre, bs.length - post);
  const matched = (from: number, len: number, offB: number) =>
    as.slice(from, from + len).map((x, k) => matchRow(x, bs[offB + k]!));
  return [
    ...matched(0, pre, 0),
    ...lcsAlign(midA.slice(0, LCS_MAX_MESSAGES), midB.slice(0, LCS_MAX_MESSAGES)),
    // Past the cap the alignment is positional: bounded time over a perfect diff.
    ...positional(midA.slice(LCS_MAX_MESSAGES), midB.slice(LCS_MAX_MESSAGES)),
    ...matched(as.length - post, post, bs.length - post),
  ];
}

/** How session B differs from session A: stats, tools, files and the conversation. */
export function diffSessions(a: Session, b: Session): SessionDiff {
  const ids = new Map<string, number>();
  return {
    a: side(a),
    b: side(b),
    stats: statDeltas(a.stats, b.stats),
    tools: toolTable(a, b),
    files_modified: fileSets(a, b),
    messages: alignMessages(messages(a, ids), messages(b, ids)),
  };
}

// ─── Text ────────────────────────────────────────────────────────────────────

/** Pads to `n` characters (code points, matching truncate), so columns line up for non-ASCII. */
function pad(s: string, n: number): string {
  const t = truncate(s, n);
  let chars = 0;
  for (const _ of t) chars++;
  return t + ' '.repeat(n - chars);
}

/** Two cells side by side; each is cut so a long left cell never pushes the right one. */
const columns = (left: string, right: string, col: number): string =>
  `${pad(left, col - 1)} ${truncate(right, col)}`.trimEnd();

function header(d: SessionDiff, col: number): string[] {
  const rows: [string, (s: SessionDiff['a']) => string][] = [
    ['Session', (s) => s.session_id],
    ['Objective', (s) => s.objective],
    ['Model', (s) => `${s.model} (${s.tool})`],
    ['Duration', (s) => formatDuration(s.duration_seconds)],
    ['Messages', (s) => String(s.messages)],
    ['Tokens', (s) => String(s.tokens)],
    ['Errors', (s) => String(s.errors)],
  ];
  return [
    columns('A', 'B', col),
    ...rows.map(([label, get]) => columns(`${label}: ${get(d.a)}`, `${label}: ${get(d.b)}`, col)),
  ];
}

function toolLines(d: SessionDiff, width: number): string[] {
  if (!d.tools.length) return ['Tools:', '  (none)'];
  const nameW = Math.min(Math.max(4, ...d.tools.map((t) => t.name.length)), Math.max(4, width - 16));
  const row = (name: string, a: string, b: string) => `  ${pad(name, nameW)} ${a.padStart(6)} ${b.padStart(6)}`;
  return ['Tools:', row('tool', 'A', 'B'), ...d.tools.map((t) => row(t.name, String(t.a), String(t.b)))];
}

function fileLines(d: SessionDiff): string[] {
  const f = d.files_modified;
  const marked = [
    ...f.both.map((p) => [p, '(both)']),
    ...f.a_only.map((p) => [p, '(A only)']),
    ...f.b_only.map((p) => [p, '(B only)']),
  ].sort(([x], [y]) => (x! < y! ? -1 : x! > y! ? 1 : 0));
  return ['Files Modified:', ...(marked.length ? marked.map(([p, m]) => `  ${p} ${m}`) : ['  (none)'])];
}

const marker = (r: MessageRow): string => (r.same ? '=' : r.a === undefined ? '>' : r.b === undefined ? '<' : '~');

function messageLines(d: SessionDiff, width: number): string[] {
  // "= agent " before the columns and " | " between them.
  const col = Math.max(10, Math.floor((width - 11) / 2));
  const line = (r: MessageRow) => `${marker(r)} ${pad(r.role, 5)} ${pad(r.a ?? '', col)} | ${r.b ?? ''}`.trimEnd();
  const rows = d.messages.map((r) => line({ ...r, b: r.b === undefined ? undefined : truncate(r.b, col) }));
  return ['Messages (= same, ~ changed, < A, > B):', ...(rows.length ? rows : ['  (none)'])];
}

/** A plain-text report: no colour, no trailing spaces; only file paths may run past `width`. */
export function renderDiffText(d: SessionDiff, width = 80): string {
  const col = Math.floor(width / 2);
  const blocks = [header(d, col), toolLines(d, width), fileLines(d), messageLines(d, width)];
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
