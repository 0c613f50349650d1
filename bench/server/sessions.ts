/**
 * Sessions the server bench uploads and seeds: real Claude Code transcripts from the corpus,
 * converted to HAIL by our own parser, then varied (ids, titles, tools, times) or repeated.
 */
import { join } from 'node:path';
import type { HailEvent, Session } from '../../src/hail/session.js';
import { recomputeStats } from '../../src/hail/stats.js';
import { loadSessions } from '../../src/parsers/load.js';
import { CORPUS } from '../lib/history.js';

const SMALL = 'claude-code/v2.0.71-thinking-skill-bash.jsonl';
const LARGE = [
  'claude-code/v2.0.2-task-subagent-inline-sidechain.jsonl',
  'claude-code/v2.0.2-grep-edit-todowrite-errors.jsonl',
  SMALL,
];
/** Events kept from the small transcript: enough for a real-looking body, small enough for 100k of them. */
const SEED_EVENTS = 8;

async function corpusSession(file: string): Promise<Session> {
  const { sessions } = await loadSessions(join(CORPUS, file));
  const s = sessions[0];
  if (!s) throw new Error(`${file}: the corpus file yielded no session`);
  return s;
}

/** The first events of a real transcript: the template of every seeded session. */
export async function seedTemplate(): Promise<Session> {
  const s = await corpusSession(SMALL);
  const events = s.events.slice(0, SEED_EVENTS);
  return withEvents(s, events);
}

function withEvents(s: Session, events: HailEvent[]): Session {
  const first = events[0]?.timestamp ?? s.context.created_at;
  const last = events.at(-1)?.timestamp ?? s.context.updated_at;
  return {
    ...s,
    context: { ...s.context, created_at: first, updated_at: last },
    events,
    stats: recomputeStats(events),
  };
}

const shiftIso = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

const AGENTS = [
  { provider: 'anthropic', model: 'claude-opus-4-5-20251101', tool: 'claude-code' },
  { provider: 'openai', model: 'gpt-5-codex', tool: 'codex' },
  { provider: 'google', model: 'gemini-2.5-pro', tool: 'gemini' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', tool: 'opencode' },
  { provider: 'openai', model: 'gpt-5', tool: 'cursor' },
] as const;

/** Title words; the bench's search term is one of them, so it matches a known share of sessions. */
export const TITLE_WORDS = ['refactor', 'migrate', 'flaky', 'deploy', 'parser', 'login', 'cache', 'upgrade'] as const;
const SUBJECTS = ['auth module', 'billing api', 'search page', 'sync worker', 'ci pipeline', 'docs site'];

/** Seeded sessions start at this instant and go back one minute apart (100k ≈ 70 days). */
const NEWEST = Date.parse('2026-06-01T12:00:00.000Z');

/** Variant `i` of the template: its own id, title, tool and model, and times one minute apart. */
export function seedVariant(template: Session, i: number): Session {
  const agent = AGENTS[i % AGENTS.length] as (typeof AGENTS)[number];
  const word = TITLE_WORDS[i % TITLE_WORDS.length] as string;
  const subject = SUBJECTS[Math.floor(i / TITLE_WORDS.length) % SUBJECTS.length] as string;
  const shift = NEWEST - i * 60_000 - Date.parse(template.context.created_at);
  const events = template.events.map((e) => ({ ...e, timestamp: shiftIso(e.timestamp, shift) }));
  return {
    ...template,
    session_id: `bench-${String(i).padStart(6, '0')}`,
    agent: { ...template.agent, ...agent },
    context: {
      ...template.context,
      title: `${word} the ${subject} #${i}`,
      created_at: shiftIso(template.context.created_at, shift),
      updated_at: shiftIso(template.context.updated_at, shift),
    },
    events,
  };
}

/**
 * A session of at least `bytes` of HAIL JSONL: three real transcripts' events, repeated with
 * fresh event ids, one second apart, until the size is reached.
 */
export async function largeSession(bytes: number): Promise<Session> {
  const parts = await Promise.all(LARGE.map(corpusSession));
  const base = parts.flatMap((s) => s.events);
  const start = Date.parse(parts[0]?.context.created_at ?? '2026-01-01T00:00:00Z');
  const events: HailEvent[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const e = base[i % base.length] as HailEvent;
    const ev = {
      ...e,
      event_id: `${e.event_id}-r${Math.floor(i / base.length)}`,
      timestamp: new Date(start + i * 1000).toISOString(),
    };
    events.push(ev);
    size += JSON.stringify(ev).length + 1;
  }
  return withEvents({ ...(parts[0] as Session), session_id: 'bench-large' }, events);
}
