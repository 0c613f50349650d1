import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/fuzz.js';
import { contentText } from '../../hail/content.js';
import { validateSession } from '../../hail/validate.js';
import { readFirstBytes } from '../shared/sniff.js';
import { aiderParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/aider/', import.meta.url));
const histories = readdirSync(CORPUS).filter((f) => f.endsWith('.chat.history.md'));

/** Per run of a history file, what it should yield, from plain regexes over the text. */
function runsOf(text: string) {
  const lines = text.split('\n');
  const runs: { started: string; lines: string[] }[] = [];
  for (const l of lines) {
    const h = /^# aider chat started at (.+)$/.exec(l);
    if (h) runs.push({ started: h[1]!, lines: [] });
    else runs.at(-1)?.lines.push(l);
  }
  const isUser = (l: string) => /^#### .* {2}$/.test(l);
  const count = (n: string, s: string) => Math.round(Number(n) * (s === 'k' ? 1e3 : s === 'M' ? 1e6 : 1));
  return runs
    .filter((r) => r.lines.some(isUser))
    .map((r) => {
      let input = 0;
      let output = 0;
      for (const l of r.lines) {
        const t = /^> Tokens: ([\d.]+)([kM]?) sent, ([\d.]+)([kM]?) received/.exec(l);
        if (t) {
          input += count(t[1]!, t[2]!);
          output += count(t[3]!, t[4]!);
        }
      }
      const firstUser = r.lines.findIndex(isUser);
      return {
        started: r.started,
        prompts: r.lines.filter((l, i) => isUser(l) && !isUser(r.lines[i - 1] ?? '')).length,
        // Aider quotes a block that failed to match in its own output: not an edit.
        edits: r.lines.filter(
          (l, i) => /^<{7} SEARCH\s*$/.test(l) && !/^## SearchReplaceNoExactMatch/.test(r.lines[i - 1] ?? ''),
        ).length,
        firstPrompt: r.lines[firstUser]!.slice(5).trimEnd(),
        model: r.lines.map((l) => /^> (?:Main model|Model): (\S+)/.exec(l)?.[1]).find(Boolean),
        input,
        output,
      };
    });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aider-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aider corpus histories', () => {
  for (const f of histories) {
    const path = join(CORPUS, f);
    const want = runsOf(readFileSync(path, 'utf8'));

    it(`${f}: one session per run with prompts, edits, model and token totals`, async () => {
      expect(aiderParser.canParse(path, await readFirstBytes(path))).toBe(true);
      const r = await aiderParser.parse(path);
      expect(r.warnings).toEqual([]);
      expect(r.sessions).toHaveLength(want.length);
      r.sessions.forEach((s, i) => {
        const w = want[i]!;
        expect(validateSession(s)).toEqual([]);
        expect(s.session_id).toMatch(new RegExp(`^aider-[0-9a-f]{8}-${w.started.replace(/\D/g, '')}$`));
        expect(s.context.created_at).toBe(`${w.started.replace(' ', 'T')}.000Z`);
        expect(s.stats.user_message_count).toBe(w.prompts);
        expect(s.events.filter((e) => e.event_type.type === 'FileEdit')).toHaveLength(w.edits);
        expect(contentText(s.events.find((e) => e.event_type.type === 'UserMessage')!.content).split('\n')[0]).toBe(
          w.firstPrompt,
        );
        expect(s.agent.model).toBe(w.model);
        expect(s.stats.total_input_tokens).toBe(w.input);
        expect(s.stats.total_output_tokens).toBe(w.output);
        expect(s.agent.tool).toBe('aider');
      });
    });

    it(`${f}: survives truncations, bit flips and shuffles`, async () => {
      const p = join(dir, 'fuzz.chat.history.md');
      for (const m of mutations(readFileSync(path), { seed: 5, count: 50 })) {
        writeFileSync(p, m.data);
        const r = await aiderParser.parse(p);
        for (const s of r.sessions) expect(s.events.length).toBeGreaterThan(0);
      }
    });
  }

  for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.input.history'))) {
    it(`${f}: claimed, and reported empty without its chat history`, async () => {
      const path = join(CORPUS, f);
      expect(aiderParser.canParse(path, await readFirstBytes(path))).toBe(true);
      const r = await aiderParser.parse(path);
      expect(r.sessions).toEqual([]);
      expect(r.warnings.map((w) => w.kind)).toEqual(['empty']);
    });
  }

  it('takes prompt times from the sibling .aider.input.history', async () => {
    const project = join(dir, 'proj');
    mkdirSync(project);
    copyFileSync(join(CORPUS, 'v0.86.1-single-session-edits.chat.history.md'), join(project, '.aider.chat.history.md'));
    copyFileSync(join(CORPUS, 'v0.86.1-single-session.input.history'), join(project, '.aider.input.history'));
    const found = await aiderParser.discover({ home: join(dir, 'nohome'), env: {}, projectRoots: [project] });
    expect(found.map((f) => [f.path, f.parts])).toEqual([
      [join(project, '.aider.chat.history.md'), [join(project, '.aider.input.history')]],
    ]);
    const s = (await aiderParser.parse(found[0]!.path)).sessions[0]!;
    expect(validateSession(s)).toEqual([]);
    const prompts = s.events.filter((e) => e.event_type.type === 'UserMessage');
    // `# 2025-12-03 14:46:02.414589` precedes that prompt in the input history.
    expect(prompts[0]!.timestamp).toBe('2025-12-03T14:46:02.000Z');
    expect(new Set(prompts.map((p) => p.timestamp)).size).toBe(prompts.length);
    expect(s.stats.duration_seconds).toBeGreaterThan(0);
    // Given the prompt log, the parser reads the chat log it belongs to.
    const viaInput = (await aiderParser.parse(join(project, '.aider.input.history'))).sessions;
    expect(viaInput.map((x) => x.session_id)).toEqual([s.session_id]);
    // Same file, same ids: the index can match sessions across re-parses.
    const again = (await aiderParser.parse(found[0]!.path)).sessions[0]!;
    expect(again.events.map((e) => e.event_id)).toEqual(s.events.map((e) => e.event_id));
  });
});
