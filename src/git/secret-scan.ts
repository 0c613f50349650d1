import { splitLineBatches } from '../hail/lines.js';
import { type Finding, redactSession, redactText } from '../hail/redact.js';
import { EventSchema, type HailEvent, type Session, SessionContextSchema } from '../hail/session.js';
import { emptyStats } from '../hail/stats.js';

export interface LineFinding extends Finding {
  /** 1-based line of the file the secret is on. */
  line: number;
}

/** A session holding one line's worth of content, so the HAIL-aware redactor sees its fields. */
function shell(context: Session['context'], events: HailEvent[]): Session {
  return {
    version: '',
    session_id: '',
    agent: { provider: '', model: '', tool: '' },
    context,
    events,
    stats: emptyStats(),
  };
}

const NO_CONTEXT: Session['context'] = { tags: [], created_at: '', updated_at: '' };

/**
 * Findings of one line. Header and event lines go through the HAIL-aware redactor (it knows
 * which fields are ids, paths or inline images); any other line (stats, a malformed line,
 * a file that is not HAIL at all) is scanned as raw text, so nothing is skipped unscanned.
 */
function scanLine(text: string): readonly Finding[] {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return redactText(text).findings;
  }
  const rec = (obj ?? {}) as Record<string, unknown>;
  if (rec.type === 'event') {
    const e = EventSchema.safeParse(rec);
    if (e.success) return redactSession(shell(NO_CONTEXT, [e.data])).findings;
  } else if (rec.type === 'header') {
    const c = SessionContextSchema.safeParse(rec.context);
    if (c.success) return redactSession(shell(c.data, [])).findings;
  }
  return redactText(text).findings;
}

/** Secrets in a session file, streamed line by line (files of hundreds of MB exist). */
export async function scanSessionFile(chunks: AsyncIterable<Uint8Array | string>): Promise<LineFinding[]> {
  const found: LineFinding[] = [];
  for await (const batch of splitLineBatches(chunks)) {
    for (const line of batch) {
      if (!line.text.trim()) continue;
      for (const f of scanLine(line.text)) found.push({ ...f, line: line.no });
    }
  }
  return found;
}

/** Findings strong enough to stop a push; entropy-only ("low") findings are reported but do not block. */
export const isBlocking = (f: Finding): boolean => f.confidence !== 'low';
