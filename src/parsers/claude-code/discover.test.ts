import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeCodeParser } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/claude-code/', import.meta.url));
const LAYOUT = join(CORPUS, 'layout-v2.1.97-subagents-dir/-home-vwestberg-Claude');
const SKILL_SESSION = '155715ec-f4e9-47ea-859c-2e4cfcceab6f';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cc-discover-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** A 2.1 project (nested subagents) and a 2.0 project (sibling agent files) under `root`. */
function populate(root: string): { v21: string; v20: string } {
  const v21 = join(root, 'projects', '-home-vwestberg-Claude');
  cpSync(LAYOUT, v21, { recursive: true });
  const v20 = join(root, 'projects', '-home-jenkins-pai');
  mkdirSync(v20, { recursive: true });
  copyFileSync(join(CORPUS, 'v2.0.71-thinking-skill-bash.jsonl'), join(v20, `${SKILL_SESSION}.jsonl`));
  // Its sibling subagent (first line names session 155715ec...) and one whose session is gone.
  copyFileSync(join(CORPUS, 'v2.0.71-agent-sidechain-file.jsonl'), join(v20, 'agent-a4e3ca2.jsonl'));
  copyFileSync(join(CORPUS, 'v2.1.1-agent-file-api-error.jsonl'), join(v20, 'agent-a227a46.jsonl'));
  return { v21, v20 };
}

const rel = (root: string, paths: string[] = []) => paths.map((p) => p.slice(root.length + 1)).sort();

describe('discover', () => {
  it('returns main sessions with their subagent files as parts, and orphan subagents alone', async () => {
    const claude = join(home, '.claude');
    const { v21, v20 } = populate(claude);
    const found = await claudeCodeParser.discover({ home, env: {} });
    const byPath = new Map(found.map((s) => [s.path, s]));
    expect(rel(claude, [...byPath.keys()])).toEqual(
      [
        'projects/-home-jenkins-pai/155715ec-f4e9-47ea-859c-2e4cfcceab6f.jsonl',
        'projects/-home-jenkins-pai/agent-a227a46.jsonl',
        'projects/-home-vwestberg-Claude/0b903f4a-f843-4a76-90bb-df10400e0478.jsonl',
        'projects/-home-vwestberg-Claude/44ef5cbf-9cc3-4f7b-ac40-337a4d39713b.jsonl',
        'projects/-home-vwestberg-Claude/6e3aa12b-9c1b-4b7d-aad7-901bff58dffb/subagents/agent-a610ebe7eea0c9ec8.jsonl',
        'projects/-home-vwestberg-Claude/8c880a68-969b-4b92-8733-a4927179d072.jsonl',
        'projects/-home-vwestberg-Claude/8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl',
      ].sort(),
    );
    const main = byPath.get(join(v21, '8fd119a6-9ab8-407b-810f-329cfb6153e0.jsonl'));
    expect(rel(v21, main?.parts)).toEqual([
      '8fd119a6-9ab8-407b-810f-329cfb6153e0/subagents/agent-a520480fc0182e0d7.jsonl',
      '8fd119a6-9ab8-407b-810f-329cfb6153e0/subagents/agent-a520480fc0182e0d7.meta.json',
      '8fd119a6-9ab8-407b-810f-329cfb6153e0/subagents/agent-aside_question-ac9ee4804d56a951.jsonl',
    ]);
    expect(rel(v20, byPath.get(join(v20, `${SKILL_SESSION}.jsonl`))?.parts)).toEqual(['agent-a4e3ca2.jsonl']);
    expect(byPath.get(join(v21, '0b903f4a-f843-4a76-90bb-df10400e0478.jsonl'))?.parts).toBeUndefined();
    for (const s of found) {
      expect(s.tool).toBe('claude-code');
      expect(s.size).toBeGreaterThan(0);
    }
  });

  it('reads ~/.config/claude too, once when it is a link to ~/.claude', async () => {
    populate(join(home, '.claude'));
    mkdirSync(join(home, '.config'));
    symlinkSync(join(home, '.claude'), join(home, '.config', 'claude'));
    expect(await claudeCodeParser.discover({ home, env: {} })).toHaveLength(7);
    const xdg = join(home, 'xdg');
    populate(join(xdg, 'claude'));
    expect(await claudeCodeParser.discover({ home, env: { XDG_CONFIG_HOME: xdg } })).toHaveLength(14);
  });

  it('reads only the CLAUDE_CONFIG_DIR list when it is set', async () => {
    populate(join(home, '.claude'));
    const a = join(home, 'a');
    const b = join(home, 'b');
    populate(a);
    mkdirSync(join(b, 'projects', 'p'), { recursive: true });
    copyFileSync(join(CORPUS, 'v2.0.65-thinking-file-history.jsonl'), join(b, 'projects', 'p', 's.jsonl'));
    const found = await claudeCodeParser.discover({ home, env: { CLAUDE_CONFIG_DIR: ` ${a} , ${b}` } });
    expect(found).toHaveLength(8);
    expect(found.every((s) => s.path.startsWith(a) || s.path.startsWith(b))).toBe(true);
  });

  it('finds nothing (and does not throw) when no Claude directory exists', async () => {
    expect(await claudeCodeParser.discover({ home, env: { CLAUDE_CONFIG_DIR: join(home, 'missing') } })).toEqual([]);
  });
});

describe('subagents of a discovered session', () => {
  it('folds a 2.0 sibling agent file into its session as a lane', async () => {
    const { v20 } = populate(join(home, '.claude'));
    const s = (await claudeCodeParser.parse(join(v20, `${SKILL_SESSION}.jsonl`))).sessions[0];
    const starts = s?.events.filter((e) => e.event_type.type === 'TaskStart') ?? [];
    expect(starts.map((e) => e.task_id)).toEqual(['a4e3ca2']);
    expect(starts[0]?.event_type).toEqual({ type: 'TaskStart', data: { title: 'Warmup' } });
    // 26 events of its own, plus the warmup lane: TaskStart, its prompt and reply, TaskEnd.
    expect(s?.events).toHaveLength(30);
    expect(s?.stats.total_input_tokens).toBe(66 + 1528);
  });

  it('parses an orphan subagent alone, tagged subagent and linked to its parent id', async () => {
    const { v21 } = populate(join(home, '.claude'));
    const path = join(v21, '6e3aa12b-9c1b-4b7d-aad7-901bff58dffb/subagents/agent-a610ebe7eea0c9ec8.jsonl');
    const s = (await claudeCodeParser.parse(path)).sessions[0];
    expect(s?.session_id).toBe('agent-a610ebe7eea0c9ec8');
    expect(s?.context.tags).toEqual(['claude-code', 'subagent']);
    expect(s?.context.related_session_ids).toEqual(['6e3aa12b-9c1b-4b7d-aad7-901bff58dffb']);
    expect(s?.context.attributes?.parent_session_id).toBe('6e3aa12b-9c1b-4b7d-aad7-901bff58dffb');
  });

  it('links a 2.1 subagent to its Agent call by agent id and takes its title from .meta.json', async () => {
    const { v21 } = populate(join(home, '.claude'));
    const s = (await claudeCodeParser.parse(join(v21, '44ef5cbf-9cc3-4f7b-ac40-337a4d39713b.jsonl'))).sessions[0];
    const start = s?.events.find((e) => e.event_type.type === 'TaskStart');
    expect(start?.attributes).toMatchObject({
      subagent_id: 'a71969c1296961234',
      call_id: 'toolu_01FS7fYnhkoDKZfrxRX7mvjN',
      agent_type: 'Explore',
    });
    const lane = s?.events.filter((e) => e.task_id === 'a71969c1296961234') ?? [];
    // TaskStart + the subagent's 31 events + TaskEnd.
    expect(lane).toHaveLength(33);
    expect(lane.at(-1)?.event_type.type).toBe('TaskEnd');
  });
});
