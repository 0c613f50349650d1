import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { contentText } from '../../hail/content.js';
import type { Session } from '../../hail/session.js';
import { validateSession } from '../../hail/validate.js';
import { readFirstBytes } from '../shared/sniff.js';
import { clineParser, kiloCodeParser, rooCodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/cline/', import.meta.url));
const API = join(CORPUS, 'api_conversation_history-1.5MB.json');
const UI = join(CORPUS, 'ui_messages-errors-retries-reasoning.json');

// biome-ignore lint/suspicious/noExplicitAny: raw corpus JSON, read without a schema to check the parser independently
type Raw = Record<string, any>;
const load = (p: string): Raw[] => JSON.parse(readFileSync(p, 'utf8'));
const count = (s: Session, kind: string) => s.events.filter((e) => e.event_type.type === kind).length;

/** Totals of the UI log's api_req_started records, read straight from the file. */
function uiTotals(ui: Raw[]) {
  const t = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
  for (const m of ui.filter((m) => m.say === 'api_req_started')) {
    const j = JSON.parse(m.text);
    t.input += j.tokensIn ?? 0;
    t.output += j.tokensOut ?? 0;
    t.cacheRead += j.cacheReads ?? 0;
    t.cacheCreation += j.cacheWrites ?? 0;
  }
  return t;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cline-corpus-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cline corpus: api_conversation_history alone (native tool_use, 2026)', () => {
  const raw = load(API);
  const assistantBlocks = raw.filter((m) => m.role === 'assistant').flatMap((m) => m.content);
  const toolUses = assistantBlocks.filter((b) => b.type === 'tool_use');
  const spoken = toolUses.filter((b) =>
    ['attempt_completion', 'ask_followup_question', 'plan_mode_respond'].includes(b.name),
  );

  it('is claimed by the Cline parser only', async () => {
    const head = await readFirstBytes(API);
    expect(clineParser.canParse(API, head)).toBe(true);
    expect(rooCodeParser.canParse(API, head)).toBe(false);
    expect(kiloCodeParser.canParse(API, head)).toBe(false);
  });

  it('reads one valid session with the task, model, tokens and real times', async () => {
    const r = await clineParser.parse(API);
    expect(r.warnings).toEqual([]);
    expect(r.sessions).toHaveLength(1);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.agent).toMatchObject({ tool: 'cline', model: raw[1]!.modelInfo.modelId, provider: 'anthropic' });
    const task = /<task>([\s\S]*?)<\/task>/.exec(raw[0]!.content[0].text)![1]!.trim();
    const first = s.events.find((e) => e.event_type.type === 'UserMessage')!;
    expect(contentText(first.content).startsWith(task)).toBe(true);
    // The attached document rides on the task message as a File block.
    expect(first.content.blocks.some((b) => b.type === 'File')).toBe(true);
    const prompt = raw.reduce((n, m) => n + (m.metrics?.tokens?.prompt ?? 0) - (m.metrics?.tokens?.cached ?? 0), 0);
    const completion = raw.reduce((n, m) => n + (m.metrics?.tokens?.completion ?? 0), 0);
    expect(s.stats.total_input_tokens).toBe(prompt);
    expect(s.stats.total_output_tokens).toBe(completion);
    expect(s.context.created_at).toBe(new Date(raw[0]!.ts).toISOString());
    expect(s.context.updated_at).toBe(new Date(raw.at(-1)!.ts).toISOString());
    expect(s.context.attributes).toMatchObject({
      cwd: 'c:/Apps/MRA022626 - Copy/Marine-Response-Repo',
      api_provider: 'openai',
    });
  });

  it('maps every tool call, spoken tool and text block to one event', async () => {
    const s = (await clineParser.parse(API)).sessions[0]!;
    const texts = assistantBlocks.filter((b) => b.type === 'text' && b.text.trim()).length;
    expect(count(s, 'AgentMessage')).toBe(texts + spoken.length);
    const withCommand = spoken.filter((b) => b.input.command).length;
    const toolKinds = ['ToolCall', 'FileRead', 'FileSearch', 'CodeSearch', 'FileEdit', 'FileCreate', 'ShellCommand'];
    const toolEvents = toolKinds.reduce((n, k) => n + count(s, k), 0);
    expect(toolEvents).toBe(toolUses.length - spoken.length + withCommand);
    expect(count(s, 'FileEdit')).toBe(toolUses.filter((b) => b.name === 'replace_in_file').length);
    expect(count(s, 'ShellCommand')).toBe(toolUses.filter((b) => b.name === 'execute_command').length + withCommand);
    // Every replace_in_file diff became a unified diff with counted lines.
    expect(s.stats.lines_added).toBeGreaterThan(0);
  });

  it('keeps only what the person typed as user messages', async () => {
    const s = (await clineParser.parse(API)).sessions[0]!;
    const typed = raw
      .filter((m) => m.role === 'user')
      .flatMap((m) => m.content)
      .filter((b) => b.type === 'text')
      .map((b) => b.text.replace(/<environment_details>[\s\S]*?(<\/environment_details>|$)/g, ''))
      .filter((t) => /<(task|feedback|answer|user_message)>/.test(t)).length;
    expect(s.stats.user_message_count).toBe(typed);
    for (const e of s.events.filter((e) => e.event_type.type === 'UserMessage')) {
      expect(contentText(e.content)).not.toMatch(/<environment_details>|# task_progress|\] Result:/);
    }
  });

  it('matches text results to calls in order and records exit codes', async () => {
    const s = (await clineParser.parse(API)).sessions[0]!;
    const ids = new Set(s.events.map((e) => e.event_id));
    const results = s.events.filter((e) => e.event_type.type === 'ToolResult');
    const headers = raw
      .filter((m) => m.role === 'user')
      .flatMap((m) => m.content)
      .filter((b) => b.type === 'text' && /^\[[\w-]+(?: for .*?)?\] Result:/s.test(b.text))
      .filter((b) => !/^\[(attempt_completion|ask_followup_question|plan_mode_respond)\b/.test(b.text));
    const commandOutputs = raw
      .flatMap((m) => m.content)
      .filter((b) => b.type === 'text' && /^Command (executed|failed)/.test(b.text));
    expect(results).toHaveLength(headers.length + commandOutputs.length);
    for (const r of results) {
      if (r.event_type.type === 'ToolResult' && r.event_type.data.call_id)
        expect(ids.has(r.event_type.data.call_id)).toBe(true);
    }
    expect(s.events.some((e) => e.event_type.type === 'ShellCommand' && e.event_type.data.exit_code === 1)).toBe(true);
  });
});

describe('cline corpus: ui_messages alone (errors, retries, reasoning)', () => {
  const raw = load(UI);

  it('is claimed by the Cline parser', async () => {
    expect(clineParser.canParse(UI, await readFirstBytes(UI))).toBe(true);
  });

  it('reads the task, reasoning, errors and the api_req_started token totals', async () => {
    const r = await clineParser.parse(UI);
    expect(r.warnings).toEqual([]);
    expect(r.sessions).toHaveLength(1);
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(contentText(s.events[0]!.content)).toBe(raw[0]!.text);
    expect(s.agent.model).toBe(raw[0]!.modelInfo.modelId);
    const t = uiTotals(raw);
    expect(s.stats).toMatchObject({
      total_input_tokens: t.input,
      total_output_tokens: t.output,
      total_cache_read_tokens: t.cacheRead,
    });
    const reasoning = raw.filter((m) => m.say === 'reasoning' && m.text?.trim()).length;
    expect(count(s, 'Thinking')).toBe(reasoning);
    const errors = raw.filter((m) => ['error_retry', 'api_req_failed', 'error'].includes(m.say ?? m.ask)).length;
    expect(s.events.filter((e) => e.attributes?.error === true)).toHaveLength(errors);
    const feedback = raw.filter((m) => m.say === 'user_feedback').length;
    expect(s.stats.user_message_count).toBe(1 + feedback);
    // Later replies came from another model: each AgentMessage says which.
    const models = new Set(s.events.map((e) => e.attributes?.model).filter(Boolean));
    expect(models).toEqual(new Set(['x-ai/grok-code-fast-1', 'anthropic/claude-sonnet-4.5']));
  });
});

describe('cline corpus: a task directory with both files and the task index', () => {
  it('takes tokens from ui_messages, the title and cwd from taskHistory.json, errors and reasoning from the UI', async () => {
    const root = join(dir, 'data');
    const task = join(root, 'tasks', '1777073160794');
    mkdirSync(task, { recursive: true });
    mkdirSync(join(root, 'state'));
    copyFileSync(API, join(task, 'api_conversation_history.json'));
    copyFileSync(UI, join(task, 'ui_messages.json'));
    const index = [
      { id: 'other', task: 'not this one' },
      { id: '1777073160794', task: 'Refactor for the new GCP project', cwdOnTaskInitialization: '/work/mra' },
    ];
    writeFileSync(join(root, 'state', 'taskHistory.json'), JSON.stringify(index));
    const r = await clineParser.parse(join(task, 'api_conversation_history.json'));
    const s = r.sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    expect(s.session_id).toBe('1777073160794');
    expect(s.context.title).toBe('Refactor for the new GCP project');
    expect(s.context.attributes?.cwd).toBe('/work/mra');
    const t = uiTotals(load(UI));
    expect(s.stats).toMatchObject({
      total_input_tokens: t.input,
      total_output_tokens: t.output,
      total_cache_read_tokens: t.cacheRead,
    });
    const ui = load(UI);
    expect(count(s, 'Thinking')).toBe(ui.filter((m) => m.say === 'reasoning' && m.text?.trim()).length);
    expect(s.events.filter((e) => e.attributes?.error === true).length).toBeGreaterThanOrEqual(43);
    // Parsing the UI file of the same task gives the same session.
    const again = (await clineParser.parse(join(task, 'ui_messages.json'))).sessions[0]!;
    expect(again.stats).toEqual(s.stats);
  });
});

describe('cline corpus: damaged copies never throw', () => {
  for (const [name, file] of [
    ['api history', API],
    ['ui messages', UI],
  ] as const) {
    it(`survives truncations, bit flips and shuffles of the ${name}`, async () => {
      const original = readFileSync(file);
      const p = join(dir, `${name.replace(' ', '_')}.json`);
      for (const m of mutations(original, { seed: 7, count: 50 })) {
        writeFileSync(p, m.data);
        const r = await clineParser.parse(p);
        for (const s of r.sessions) expect(s.events.length).toBeGreaterThan(0);
      }
    });
  }

  it('keeps the complete messages of a file cut mid-write', async () => {
    const original = readFileSync(API);
    const p = join(dir, 'api_conversation_history-cut.json');
    writeFileSync(p, original.subarray(0, Math.floor(original.length / 2)));
    const r = await clineParser.parse(p);
    expect(r.warnings.map((w) => w.kind)).toEqual(['truncated']);
    expect(r.sessions[0]!.stats.user_message_count).toBeGreaterThan(0);
    expect(validateSession(r.sessions[0]!)).toEqual([]);
  });
});
