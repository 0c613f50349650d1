import type { HailEvent, Session } from '../../hail/session.js';
import { buildSession, sortByTime } from '../shared/session-builder.js';
import { titleFrom } from '../shared/text.js';
import { usageAttributes } from '../shared/usage.js';
import type { WarningSink } from '../shared/warnings.js';
import { type ContentCtx, messageEvents } from './content.js';
import type { GooseSession } from './schema.js';

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Names Goose gives a session before (or instead of) summarizing it: no title. */
const PLACEHOLDER_NAMES = new Set(['', 'cli session', 'acp session', 'new chat', 'new session']);

function sessionEvents(s: GooseSession): HailEvent[] {
  const ctx: ContentCtx = { toolNames: new Map(), model: s.model, fallbackTs: s.createdAt ?? EPOCH };
  const out: HailEvent[] = [];
  for (const m of s.messages) {
    const events = messageEvents(m, ctx);
    out.push(...events);
    ctx.fallbackTs = events[events.length - 1]?.timestamp ?? ctx.fallbackTs;
  }
  return out;
}

/** Goose keeps only session totals: they go on the final reply (or, lacking one, the last event). */
function attachTotals(events: HailEvent[], s: GooseSession): void {
  const usage = usageAttributes({ input: s.inputTokens, output: s.outputTokens });
  if (!Object.keys(usage).length) return;
  const target = [...events].reverse().find((e) => e.event_type.type === 'AgentMessage') ?? events[events.length - 1];
  if (target) target.attributes = { ...target.attributes, ...usage };
}

/** A Session, or undefined (with an `empty` warning) for a session without any message content. */
export function toGooseSession(s: GooseSession, sink: WarningSink): Session | undefined {
  const events = sortByTime(sessionEvents(s));
  if (!events.length) {
    sink.add('empty', `session ${s.id} has no messages`);
    return undefined;
  }
  attachTotals(events, s);
  const name = s.name?.trim();
  return buildSession({
    tool: 'goose',
    sessionId: s.id,
    provider: s.provider,
    model: s.model,
    title: name && !PLACEHOLDER_NAMES.has(name.toLowerCase()) ? titleFrom(name) : undefined,
    events,
    attributes: { ...(s.workingDir ? { cwd: s.workingDir } : {}), ...s.attributes },
  });
}
