import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentText } from '../../hail/content.js';
import { type Session, SessionSchema } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { readFirstBytes } from '../shared/sniff.js';
import { claudeCodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/claude-code/', import.meta.url));
const LAYOUT = 'layout-v2.1.97-subagents-dir/-home-vwestberg-Claude/';

interface Expected {
  sessions: number;
  events?: number;
  sessionId?: string;
  model?: string;
  firstUser?: string;
  title?: string;
  /** TaskStart titles, in time order. */
  lanes?: string[];
  /** Counts of some event kinds, read off the file with jq (blocks of each kind). */
  kinds?: Partial<Record<string, number>>;
}

// Expectations read from the files (jq over message.content blocks, user/system lines and
// titles); subagent files under `subagents/` are also parsed alone, as orphans would be.
const EXPECTED: Record<string, Expected> = {
  'empty-0-bytes.jsonl': { sessions: 0 },
  'summary-lines-only.jsonl': { sessions: 0 },
  [`${LAYOUT}0b903f4a-f843-4a76-90bb-df10400e0478.jsonl`]: {
    sessions: 1,
    events: 5,
    model: 'claude-sonnet-4-6',
    firstUser: 'history',
    title: 'history',
    lanes: [],
    kinds: { AgentMessage: 1, Thinking: 1, ToolResult: 1 },
  },
  [`${LAYOUT}44ef5cbf-9cc3-4f7b-ac40-337a4d39713b.jsonl`]: {
    sessions: 1,
    events: 80,
    model: 'claude-sonnet-4-6',
    firstUser: 'dir',
    title: 'add-teams-keybinding',
    lanes: ['Find Teams launch command'],
    kinds: { AgentMessage: 9, Thinking: 5, ToolResult: 26, TaskStart: 1, TaskEnd: 1 },
  },
  [`${LAYOUT}44ef5cbf-9cc3-4f7b-ac40-337a4d39713b/subagents/agent-a71969c1296961234.jsonl`]: {
    sessions: 1,
    events: 31,
    sessionId: 'agent-a71969c1296961234',
    model: 'claude-haiku-4-5-20251001',
    firstUser: 'On this Linux system, find how Microsoft Teams is installed',
    title: 'Find Teams launch command',
    kinds: { AgentMessage: 3, ToolResult: 13 },
  },
  [`${LAYOUT}6e3aa12b-9c1b-4b7d-aad7-901bff58dffb/subagents/agent-a610ebe7eea0c9ec8.jsonl`]: {
    sessions: 1,
    events: 94,
    sessionId: 'agent-a610ebe7eea0c9ec8',
    model: 'claude-haiku-4-5-20251001',
    firstUser: 'Explore this codebase at /home/vwestberg/Claude and give me:',
    kinds: { AgentMessage: 17, ToolResult: 38 },
  },
  [`${LAYOUT}8c880a68-969b-4b92-8733-a4927179d072.jsonl`]: {
    sessions: 1,
    events: 61,
    model: 'claude-sonnet-4-6',
    firstUser: 'why are you not keeping my history',
    lanes: ['Claude Code conversation history'],
    kinds: { AgentMessage: 15, Thinking: 5, ToolResult: 16 },
  },
  [`${LAYOUT}8c880a68-969b-4b92-8733-a4927179d072/subagents/agent-a2df51c9276581f81.jsonl`]: {
    sessions: 1,
    events: 32,
    model: 'claude-haiku-4-5-20251001',
    firstUser: 'How does Claude Code save and restore conversation history',
    title: 'Claude Code conversation history',
  },
  // The side-question agent's file repeats 75 lines of its parent: only its 3 own lines
  // join the parent (67 text blocks - 15 copied + 1 own, 58 thinking - 16 + 1, 60 results - 14).
  [`${LAYOUT}8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl`]: {
    sessions: 1,
    events: 231,
    model: 'claude-sonnet-4-6',
    firstUser: 'Okay I am running Omarchy and it has a built in Windows VM through winboat I believe',
    lanes: ['Find winboat/Windows VM in Omarchy', 'aside question'],
    kinds: { AgentMessage: 53, Thinking: 43, ToolResult: 46, TaskStart: 2, TaskEnd: 2 },
  },
  [`${LAYOUT}8fd119a6-9ab8-407b-810f-329cfb6153e0/subagents/agent-a520480fc0182e0d7.jsonl`]: {
    sessions: 1,
    events: 23,
    model: 'claude-haiku-4-5-20251001',
    title: 'Find winboat/Windows VM in Omarchy',
  },
  [`${LAYOUT}8fd119a6-9ab8-407b-810f-329cfb6153e0/subagents/agent-aside_question-ac9ee4804d56a951.jsonl`]: {
    sessions: 1,
    events: 69,
    model: 'claude-sonnet-4-6',
    kinds: { AgentMessage: 15, Thinking: 16, ToolResult: 14 },
  },
  'v1.0.51-user-lines-only.jsonl': {
    sessions: 1,
    events: 3,
    sessionId: 'e8c742ee-724b-47ba-9cca-c2db071e9da4',
    model: 'unknown',
    firstUser: '/exit',
    title: '/exit',
    kinds: { UserMessage: 1, SystemMessage: 2 },
  },
  'v1.0.58-task-tool-inline-sidechain.jsonl': {
    sessions: 1,
    events: 78,
    sessionId: 'afc4f5a3-4d18-458f-95cc-1e92dbbded5b',
    model: 'claude-sonnet-4-20250514',
    firstUser: 'There was an error during the homebrew step: "Error: invalid option: --no-lock"',
    lanes: ['Find homebrew install command'],
    kinds: { AgentMessage: 20, ToolResult: 24, UserMessage: 6 },
  },
  'v2.0.2-bash-read-summary.jsonl': {
    sessions: 1,
    events: 41,
    model: 'claude-sonnet-4-5-20250929',
    firstUser: 'In commit d8731997ed455fd2ea6e1b5d26ff48011ee36e15 the tests are fixed.',
    kinds: { AgentMessage: 9, ToolResult: 13 },
  },
  'v2.0.2-grep-edit-todowrite-errors.jsonl': {
    sessions: 1,
    events: 67,
    model: 'claude-opus-4-1-20250805',
    firstUser: 'When server is offline 503 is returned.',
    kinds: { AgentMessage: 16, ToolResult: 24 },
  },
  'v2.0.2-task-subagent-inline-sidechain.jsonl': {
    sessions: 1,
    events: 105,
    model: 'claude-opus-4-1-20250805',
    firstUser: 'In the Ember app (ynab_web/) if I clear a target',
    lanes: ['Find target clearing bug'],
    kinds: { AgentMessage: 21, ToolResult: 40 },
  },
  'v2.0.65-thinking-file-history.jsonl': {
    sessions: 1,
    events: 23,
    model: 'claude-sonnet-4-5-20250929',
    // Its two summary lines describe other conversations (their leaves are not in this file).
    title: 'Can you create a worktree and review changes on branch ek/api-requested-versi...',
    kinds: { AgentMessage: 3, Thinking: 5, ToolResult: 7 },
  },
  'v2.0.71-agent-sidechain-file.jsonl': {
    sessions: 1,
    events: 2,
    sessionId: 'agent-a4e3ca2',
    model: 'claude-opus-4-5-20251101',
    firstUser: 'Warmup',
  },
  'v2.0.71-summary-and-user-only.jsonl': {
    sessions: 1,
    events: 9,
    model: 'unknown',
    firstUser: '/plugin',
    kinds: { UserMessage: 3, SystemMessage: 6 },
  },
  'v2.0.71-thinking-skill-bash.jsonl': {
    sessions: 1,
    events: 26,
    model: 'claude-opus-4-5-20251101',
    firstUser: 'What skills are available?',
    kinds: { AgentMessage: 4, Thinking: 8, ToolResult: 5 },
  },
  'v2.0.76-system-lines-only.jsonl': {
    sessions: 1,
    events: 11,
    model: 'unknown',
    firstUser: 'GOSPEL CHECK.',
    kinds: { UserMessage: 1, SystemMessage: 10 },
  },
  'v2.1.1-agent-file-api-error.jsonl': {
    sessions: 1,
    events: 2,
    sessionId: 'agent-a227a46',
    model: 'unknown',
    firstUser: 'Warmup',
  },
  'v2.1.1-thinking-queue-operation-webfetch.jsonl': {
    sessions: 1,
    events: 150,
    model: 'claude-sonnet-4-5-20250929',
    firstUser: 'I want to create a web based app that used the YNAB API',
    kinds: { AgentMessage: 5, Thinking: 48, ToolResult: 44, WebFetch: 5 },
  },
  'v2.1.123-api-error-only.jsonl': {
    sessions: 1,
    events: 7,
    model: 'unknown',
    firstUser: '/model unsloth/Qwen3-Coder-Next',
    title: 'hi',
    kinds: { UserMessage: 3, SystemMessage: 3, AgentMessage: 1 },
  },
};

function corpusFiles(dir = CORPUS): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? corpusFiles(p) : p.endsWith('.jsonl') ? [p] : [];
  });
}

/** The files a session's totals come from: itself and, for a main session, its subagents dir. */
function sessionFiles(path: string): string[] {
  if (basename(path).startsWith('agent-')) return [path];
  const sub = join(dirname(path), basename(path, '.jsonl'), 'subagents');
  const parts = statSync(sub, { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(sub)
        .filter((n) => n.endsWith('.jsonl'))
        .map((n) => join(sub, n))
    : [];
  return [path, ...parts];
}

/**
 * ccusage@20's per-session rule, computed from the raw lines: each message.id+requestId
 * counted once, with the usage of its last line (streamed lines repeat a growing count).
 */
function ccusageTotals(files: string[]) {
  const byKey = new Map<string, Record<string, number>>();
  const t = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
  const add = (u: Record<string, number>) => {
    t.input += u.input_tokens ?? 0;
    t.output += u.output_tokens ?? 0;
    t.cacheRead += u.cache_read_input_tokens ?? 0;
    t.cacheCreation += u.cache_creation_input_tokens ?? 0;
  };
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line);
      const u = r.message?.usage;
      if (typeof u?.input_tokens !== 'number') continue;
      if (r.message.id && r.requestId) byKey.set(`${r.message.id}:${r.requestId}`, u);
      else add(u);
    }
  }
  for (const u of byKey.values()) add(u);
  return t;
}

const kindCount = (s: Session, kind: string) => s.events.filter((e) => e.event_type.type === kind).length;

describe('Claude Code corpus', () => {
  const files = corpusFiles();
  const rel = (p: string) => p.slice(CORPUS.length);

  it('has an expectation for every corpus transcript', () => {
    expect(files.map(rel).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const path of files) {
    const name = rel(path);
    const exp = EXPECTED[name] as Expected;
    describe(name, () => {
      it('is detected as Claude Code', async () => {
        expect(claudeCodeParser.canParse(path, await readFirstBytes(path))).toBe(true);
      });

      it('parses to the expected sessions, events, model, first prompt, title and lanes', async () => {
        const r = await claudeCodeParser.parse(path);
        expect(r.sessions).toHaveLength(exp.sessions);
        const s = r.sessions[0];
        if (!s) {
          expect(r.warnings.map((w) => w.kind)).toContain('empty');
          return;
        }
        expect(s.agent.tool).toBe('claude-code');
        if (exp.events !== undefined) expect(s.events).toHaveLength(exp.events);
        if (exp.sessionId) expect(s.session_id).toBe(exp.sessionId);
        if (exp.model) expect(s.agent.model).toBe(exp.model);
        const first = s.events.find((e) => e.event_type.type === 'UserMessage');
        if (exp.firstUser) expect(contentText(first?.content ?? { blocks: [] })).toContain(exp.firstUser);
        if (exp.title) expect(s.context.title).toBe(exp.title);
        if (exp.lanes) {
          const lanes = s.events.filter((e) => e.event_type.type === 'TaskStart');
          expect(lanes.map((e) => (e.event_type.type === 'TaskStart' ? e.event_type.data.title : ''))).toEqual(
            exp.lanes,
          );
          expect(s.stats.task_count).toBe(exp.lanes.length);
        }
        for (const [kind, n] of Object.entries(exp.kinds ?? {})) expect([kind, kindCount(s, kind)]).toEqual([kind, n]);
      });

      it('has token totals that agree with ccusage', async () => {
        const s = (await claudeCodeParser.parse(path)).sessions[0];
        const want = ccusageTotals(sessionFiles(path));
        expect({
          input: s?.stats.total_input_tokens ?? 0,
          output: s?.stats.total_output_tokens ?? 0,
          cacheRead: s?.stats.total_cache_read_tokens ?? 0,
          cacheCreation: s?.stats.total_cache_creation_tokens ?? 0,
        }).toEqual(want);
      });

      it('produces valid HAIL (schema and validation rules)', async () => {
        for (const s of (await claudeCodeParser.parse(path)).sessions) {
          expect(SessionSchema.safeParse(s).success).toBe(true);
          expect(validateSession(s)).toEqual([]);
          for (const e of s.events) expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        }
      });
    });
  }

  it('parses an aside-question subagent alone with the parent lines it copied', async () => {
    // Read alone (no parent), the copy is all the context there is: 78 lines, 69 events.
    const path = join(
      CORPUS,
      `${LAYOUT}8fd119a6-9ab8-407b-810f-329cfb6153e0/subagents/agent-aside_question-ac9ee4804d56a951.jsonl`,
    );
    const s = (await claudeCodeParser.parse(path)).sessions[0];
    expect(s?.context.tags).toEqual(['claude-code', 'subagent']);
    expect(s?.context.related_session_ids).toEqual(['8fd119a6-9ab8-407b-810f-329cfb6153e0']);
  });
});
