import { z } from 'zod';
import { truncate } from '../hail/extract.js';
import { buildHandoff, type Handoff, HandoffSchema, renderHandoffMarkdown } from '../hail/handoff.js';
import { RESERVE } from './budget.js';
import { loadIndexedSession, REF_DESCRIPTION } from './load-session.js';
import { safeSession } from './redact-output.js';
import type { McpTool } from './tool.js';

const input = { session: z.string().min(1).describe(REF_DESCRIPTION) };

const output = {
  handoff: HandoffSchema,
  omitted: z
    .record(z.string(), z.number().int())
    .describe('left out to fit the output budget: items of each list, characters of long texts'),
};

type ListKey =
  | 'files_modified'
  | 'files_read'
  | 'commands'
  | 'user_messages'
  | 'key_conversations'
  | 'errors'
  | 'open_errors';
const LISTS: readonly ListKey[] = [
  'files_modified',
  'files_read',
  'commands',
  'user_messages',
  'key_conversations',
  'errors',
  'open_errors',
];
// Chronological lists keep their end, where the work stopped; file lists their start (sorted by path).
const KEEPS_START = new Set<ListKey>(['files_modified', 'files_read']);

const fits = (h: Handoff, budget: number): boolean =>
  JSON.stringify(h).length + RESERVE <= budget && renderHandoffMarkdown(h).length + RESERVE <= budget;

type Omitted = Record<string, number>;
/** One way to make a briefing smaller, or undefined when it has nothing left to give. */
type Shrink = (h: Handoff, omitted: Omitted) => Handoff | undefined;

const count = (omitted: Omitted, key: string, n: number) => {
  omitted[key] = (omitted[key] ?? 0) + n;
};

/** Halves the largest list. */
const halveList: Shrink = (h, omitted) => {
  const size = (k: ListKey) => (h[k].length > 1 ? JSON.stringify(h[k]).length : 0);
  const key = [...LISTS].sort((a, b) => size(b) - size(a))[0]!;
  if (size(key) === 0) return undefined;
  const list: readonly unknown[] = h[key];
  const keep = Math.floor(list.length / 2);
  count(omitted, key, list.length - keep);
  return { ...h, [key]: KEEPS_START.has(key) ? list.slice(0, keep) : list.slice(list.length - keep) };
};

const MIN_TEXT = 80;
// In code points, as truncate counts: a UTF-16 length would never get below the cut for emoji.
const points = (s: string): number => [...s].length;
const isLong = (s: string): boolean => points(s) > MIN_TEXT;
const half = (s: string): string => truncate(s, Math.max(MIN_TEXT, Math.floor(points(s) / 2)));

/** Halves the long texts: the last agent message, then the exchanges. */
const halveTexts: Shrink = (h, omitted) => {
  const last = h.last_agent_message;
  if (last && isLong(last)) {
    count(omitted, 'last_agent_message chars', last.length - half(last).length);
    return { ...h, last_agent_message: half(last) };
  }
  const long = h.key_conversations.some((c) => isLong(c.user) || isLong(c.agent));
  if (!long) return undefined;
  const cut = h.key_conversations.map((c) => ({ user: half(c.user), agent: half(c.agent) }));
  const chars = (cs: Handoff['key_conversations']) => cs.reduce((n, c) => n + c.user.length + c.agent.length, 0);
  count(omitted, 'key_conversations chars', chars(h.key_conversations) - chars(cut));
  return { ...h, key_conversations: cut };
};

/** Lists first, then texts, until the briefing fits or nothing more can go. */
export function fitHandoff(full: Handoff, budget: number): { handoff: Handoff; omitted: Omitted } {
  let h = full;
  const omitted: Omitted = {};
  while (!fits(h, budget)) {
    const next = halveList(h, omitted) ?? halveTexts(h, omitted);
    if (!next) break;
    h = next;
  }
  return { handoff: h, omitted };
}

export const handoffTool: McpTool<typeof input, typeof output> = {
  name: 'handoff',
  title: 'Briefing of a past AI coding session',
  description:
    'A briefing for continuing the work of one indexed session: objective, files modified and read, shell ' +
    'commands and their results, errors still open, key user/agent exchanges and the last agent message. ' +
    'Secrets are redacted.',
  input,
  output,
  async run(args, env) {
    const { session } = await loadIndexedSession(env.db, args.session);
    // Redacted whole before the briefing cuts its texts short.
    return fitHandoff(buildHandoff(safeSession(session)), env.budget);
  },
  render(out) {
    const cut = Object.entries(out.omitted).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`);
    const note = cut.length ? `\n_(left out to fit the output budget: ${cut.join(', ')})_\n` : '';
    return renderHandoffMarkdown(out.handoff) + note;
  },
};
