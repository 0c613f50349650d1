import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredSource } from '../parsers/types.js';
import { watchTargets } from './watch-roots.js';

describe('watchTargets', () => {
  let home: string;
  const src = (tool: DiscoveredSource['tool'], path: string, parts?: string[]): DiscoveredSource => ({
    tool,
    path: join(home, path),
    size: 1,
    mtimeMs: 1,
    ...(parts ? { parts: parts.map((p) => join(home, p)) } : {}),
  });
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'os-watch-roots-'));
    mkdirSync(join(home, '.claude', 'projects'), { recursive: true });
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const roots = () => ({ home, env: {} });

  it("watches the tool's own directory holding all its sources, not each file", () => {
    const t = watchTargets(
      [src('codex', '.codex/sessions/2026/01/02/a.jsonl'), src('codex', '.codex/sessions/2026/02/01/b.jsonl')],
      ['codex'],
      roots(),
    );
    expect(t.get('codex')).toEqual([join(home, '.codex/sessions/2026')]);
  });

  it('watches where Claude Code creates new projects, even with no session yet', () => {
    expect(watchTargets([], ['claude-code'], roots()).get('claude-code')).toEqual([join(home, '.claude/projects')]);
    const one = watchTargets([src('claude-code', '.claude/projects/-p/s.jsonl')], ['claude-code'], roots());
    expect(one.get('claude-code')).toEqual([join(home, '.claude/projects')]);
  });

  it('watches the files themselves when they live in project folders (never the whole home)', () => {
    const t = watchTargets(
      [src('aider', 'code/a/.aider.chat.history.md'), src('aider', 'work/b/.aider.chat.history.md')],
      ['aider'],
      roots(),
    );
    expect(t.get('aider')).toEqual([
      join(home, 'code/a/.aider.chat.history.md'),
      join(home, 'work/b/.aider.chat.history.md'),
    ]);
  });

  it('includes part files and leaves out tools that are not enabled or have nothing', () => {
    const t = watchTargets(
      [
        src('gemini', '.gemini/tmp/p/chats/s.json', ['.gemini/tmp/p/chats/s/sub.jsonl']),
        src('codex', '.codex/x.jsonl'),
      ],
      ['gemini'],
      roots(),
    );
    expect([...t.keys()]).toEqual(['gemini']);
    expect(t.get('gemini')).toEqual([join(home, '.gemini/tmp/p/chats')]);
  });
});
