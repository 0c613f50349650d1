import path from 'node:path';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { HailEvent, Session } from '../../src/hail/session.js';
import { recomputeStats } from '../../src/hail/stats.js';
import { loadSessions } from '../../src/parsers/load.js';
import { CORPUS } from '../support/corpus-home.js';
import { http } from '../support/server-harness.js';

export { CORPUS };

/** Corpus files whose sessions show the timeline's features: errors, edits, shell, subagents. */
export const CORPUS_FILES = {
  errors: 'claude-code/v2.0.2-grep-edit-todowrite-errors.jsonl',
  subagent: 'claude-code/v2.0.2-task-subagent-inline-sidechain.jsonl',
  bash: 'claude-code/v2.0.2-bash-read-summary.jsonl',
  codex: 'codex/v0.118.0-tui-2026-04-exec-command-end.jsonl',
} as const;

/** The first session of a corpus file, parsed by the real parser. */
export async function corpusSession(file: string): Promise<Session> {
  const { sessions } = await loadSessions(path.join(CORPUS, file));
  const s = sessions.find((x) => x.events.length > 0);
  if (!s) throw new Error(`${file}: no session with events`);
  return s;
}

/** Uploads a session as HAIL JSONL; returns the server's id. */
export async function uploadSession(
  base: string,
  token: string,
  session: Session,
  query: Record<string, string> = {},
): Promise<string> {
  const qs = new URLSearchParams(query).toString();
  const r = await http(base, 'POST', `/api/sessions${qs ? `?${qs}` : ''}`, {
    token,
    body: toHailJsonl(session),
    headers: { 'content-type': 'application/x-ndjson' },
  });
  if (r.status !== 201 && r.status !== 200) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** A session of `n` events made by repeating real ones (fresh ids, one second apart). */
export function longSession(source: Session, n: number, sessionId = `long-${n}`): Session {
  const start = Date.parse('2026-01-10T09:00:00Z');
  const len = source.events.length;
  const sourceIndex = new Map(source.events.map((e, i) => [e.event_id, i]));
  const events: HailEvent[] = [];
  for (let i = 0; i < n; i++) {
    const e = source.events[i % len] as HailEvent;
    const copy: HailEvent = {
      ...e,
      event_id: `${sessionId}-e${i}`,
      timestamp: new Date(start + i * 1000).toISOString(),
    };
    const t = copy.event_type;
    const call = t.type === 'ToolResult' && t.data.call_id ? sourceIndex.get(t.data.call_id) : undefined;
    // Keep each result pointing at its own copy of the call.
    if (t.type === 'ToolResult' && call !== undefined)
      copy.event_type = { ...t, data: { ...t.data, call_id: `${sessionId}-e${i - (i % len) + call}` } };
    events.push(copy);
  }
  return {
    ...source,
    session_id: sessionId,
    context: { ...source.context, title: `Long session of ${n} events` },
    events,
    stats: recomputeStats(events),
  };
}

/** A small session written by hand, for tests that need exact content. */
export function handmadeSession(sessionId: string, title: string, events: HailEvent[]): Session {
  return {
    version: 'hail-1.0.0',
    session_id: sessionId,
    agent: { provider: 'anthropic', model: 'claude-test', tool: 'claude-code' },
    context: {
      title,
      tags: [],
      created_at: events[0]?.timestamp ?? '2026-01-01T00:00:00Z',
      updated_at: events.at(-1)?.timestamp ?? '2026-01-01T00:00:00Z',
    },
    events,
    stats: recomputeStats(events),
  };
}

let seq = 0;

export function textEvent(kind: 'UserMessage' | 'AgentMessage', text: string, at = Date.now()): HailEvent {
  return {
    event_id: `ev-${++seq}`,
    timestamp: new Date(at + seq).toISOString(),
    event_type: { type: kind },
    content: { blocks: [{ type: 'Text', text }] },
  };
}
