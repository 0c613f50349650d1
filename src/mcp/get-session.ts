import { z } from 'zod';
import { contentText } from '../hail/content.js';
import { MESSAGE_KINDS } from '../hail/event-type.js';
import { truncate } from '../hail/extract.js';
import type { HailEvent } from '../hail/session.js';
import { eventHeadline } from '../hail/transcript.js';
import { MIN_MAX_OUTPUT, RESERVE, takeFitting } from './budget.js';
import { loadIndexedSession, REF_DESCRIPTION } from './load-session.js';
import { safeText } from './redact-output.js';
import { SessionSummarySchema, sessionSummary, shortTime } from './session-summary.js';
import type { McpTool } from './tool.js';

// Texts of events in a range are cut shorter than the text of one event asked for by seq.
const RANGE_EVENT_CHARS = 4000;
const SUMMARY_CHARS = 300;

const EventSchema = z.object({
  seq: z.number().int(),
  ts: z.string(),
  kind: z.string(),
  task_id: z.string().nullable().describe('subagent lane, when the event belongs to one'),
  summary: z.string().describe('what the event is: User, Agent, or a one-line tool action'),
  text: z.string(),
  text_cut: z.boolean().describe('the text was cut to fit; ask for this one event (end = seq + 1) to read more'),
});
type Event = z.infer<typeof EventSchema>;

const input = {
  session: z.string().min(1).describe(REF_DESCRIPTION),
  start: z.number().int().min(0).optional().describe('first event seq to return (default 0)'),
  end: z.number().int().min(1).optional().describe('stop before this seq (default: the end of the session)'),
  messages_only: z.boolean().optional().describe('only user and agent messages, no tool activity'),
  max_chars: z
    .number()
    .int()
    .min(MIN_MAX_OUTPUT)
    .optional()
    .describe("size budget of this result in characters (at most the server's own)"),
};

const output = {
  session: SessionSummarySchema,
  events: z.array(EventSchema),
  next_start: z.number().int().nullable().describe('seq to pass as start to read on; null when the range is complete'),
};

const MESSAGE_LABEL: Record<string, string> = {
  UserMessage: 'User',
  AgentMessage: 'Agent',
  SystemMessage: 'System',
  Thinking: 'Thinking',
};

function eventText(e: HailEvent): string {
  const t = e.event_type;
  const text = contentText(e.content);
  return t.type === 'FileEdit' && t.data.diff ? `${t.data.diff}${text ? `\n${text}` : ''}` : text;
}

/** Redacted before it is cut: a cut secret would escape the detectors. */
function toEvent(e: HailEvent, seq: number, maxText: number): Event {
  const text = safeText(eventText(e).trim());
  const summary = MESSAGE_LABEL[e.event_type.type] ?? eventHeadline(e).split('\n')[0] ?? '';
  const cut = truncate(text, maxText);
  return {
    seq,
    ts: e.timestamp,
    kind: e.event_type.type,
    task_id: e.task_id ?? null,
    summary: truncate(safeText(summary), SUMMARY_CHARS),
    text: cut,
    text_cut: cut !== text,
  };
}

const eventBlock = (e: Event): string =>
  `### #${e.seq} ${e.ts.slice(11, 19)} ${e.summary}${e.task_id ? ` (subagent ${e.task_id})` : ''}\n${e.text}\n`;

export const getSession: McpTool<typeof input, typeof output> = {
  name: 'get_session',
  title: 'Read a past AI coding session',
  description:
    'The transcript of one indexed session, or of a range of its events (start/end are event seqs, as ' +
    'search_sessions returns them), within a size budget: when more remains, next_start says where to continue. ' +
    'Secrets are redacted.',
  input,
  output,
  async run(args, env) {
    const { item, session } = await loadIndexedSession(env.db, args.session);
    const budget = Math.min(env.budget, args.max_chars ?? env.budget);
    const events = session.events;
    const start = args.start ?? 0;
    const end = Math.min(args.end ?? events.length, events.length);
    // One event asked for: it may use the whole budget (JSON escaping needs some slack).
    const room = Math.floor((budget - RESERVE) * 0.8);
    const maxText = end - start === 1 ? room : Math.min(RANGE_EVENT_CHARS, room);
    const wanted = (e: HailEvent) => !args.messages_only || MESSAGE_KINDS.has(e.event_type.type);
    function* candidates(cap: number): Generator<Event> {
      for (let seq = start; seq < end; seq++) {
        const e = events[seq]!;
        if (wanted(e)) yield toEvent(e, seq, cap);
      }
    }
    let kept = takeFitting(candidates(maxText), budget, eventBlock);
    // Text that JSON escapes heavily (newlines, quotes) can overflow: always make progress.
    if (kept.length === 0) {
      const first = candidates(Math.floor(room / 3)).next();
      if (!first.done) kept = [first.value];
    }
    const last = kept.at(-1)?.seq ?? start - 1;
    const rest = events.slice(last + 1, end).some(wanted);
    return { session: sessionSummary(item), events: kept, next_start: rest ? last + 1 : null };
  },
  render(out) {
    const s = out.session;
    const first = out.events[0];
    const last = out.events.at(-1);
    const range = first && last ? `Events #${first.seq}–#${last.seq} of ${s.event_count}.` : 'No events in this range.';
    const next =
      out.next_start === null
        ? 'End of the range.'
        : `More: get_session {"session": "${s.id}", "start": ${out.next_start}}`;
    const head = [
      `# ${s.title ?? '(untitled session)'}`,
      `Session ${s.id} · ${s.tool} (${s.model}) · started ${shortTime(s.created_at)}${s.project ? ` · ${s.project}` : ''}`,
      `${range} ${next}`,
    ];
    return [...head, '', ...out.events.map(eventBlock)].join('\n');
  },
};
