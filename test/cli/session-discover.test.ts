import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSessionDiscover } from '../../src/cli/commands/session-discover.js';
import { runCli, tempHome } from './run-cli.js';

// `session discover` on a home holding real Claude Code and Codex files from the corpus,
// plus an empty Claude file and a Codex file that is not a session.

import { CORPUS } from '../support/corpus-home.js';

const CODEX_ID = '019d688b-3b5f-72c0-8028-4a4af562b9f5';

let home: string;
let dispose: () => void;
let emptyFile: string;
let badFile: string;
beforeAll(() => {
  ({ home, dispose } = tempHome());
  const projects = join(home, '.claude', 'projects');
  mkdirSync(projects, { recursive: true });
  cpSync(join(CORPUS, 'claude-code/layout-v2.1.97-subagents-dir'), projects, { recursive: true });
  mkdirSync(join(projects, '-tmp-empty'));
  emptyFile = join(projects, '-tmp-empty', 'empty.jsonl');
  writeFileSync(emptyFile, '');
  const day = join(home, '.codex', 'sessions', '2026', '04', '07');
  mkdirSync(day, { recursive: true });
  cpSync(join(CORPUS, 'codex/v0.118.0-tui-2026-04-exec-command-end.jsonl'), join(day, 'rollout-x.jsonl'));
  badFile = join(day, 'rollout-bad.jsonl');
  writeFileSync(badFile, 'this is not json\nneither is this\n');
});
afterAll(() => dispose());

const cli = (...args: string[]) => runCli(args, { home });

interface DiscoverJson {
  tools: Record<string, { found: number; parsed: number; empty: number; failed: number; sessions: number }>;
  sessions: Array<{
    tool: string;
    path: string;
    id: string;
    title: string | null;
    model: string;
    started: string;
    events: number;
    size: number;
  }>;
  failures: Array<{ tool: string; path: string; reason: string }>;
}

describe('session discover (parsing)', () => {
  it('--json counts found, parsed, empty and failed files per tool and lists every session', async () => {
    const r = await cli('session', 'discover', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as DiscoverJson;
    expect(json.tools).toEqual({
      'claude-code': { found: 6, parsed: 5, empty: 1, failed: 0, sessions: 5 },
      codex: { found: 2, parsed: 1, empty: 0, failed: 1, sessions: 1 },
    });
    expect(json.sessions).toHaveLength(6);
    const codex = json.sessions.find((s) => s.tool === 'codex');
    expect(codex).toMatchObject({
      id: CODEX_ID,
      model: 'gpt-5.4',
      started: '2026-04-07T15:24:08.430Z',
      events: 48,
      path: join(home, '.codex/sessions/2026/04/07/rollout-x.jsonl'),
    });
    expect(codex?.size).toBeGreaterThan(0);
    expect(json.failures).toHaveLength(1);
    expect(json.failures[0]).toMatchObject({ tool: 'codex', path: badFile });
    expect(json.failures[0]?.reason).not.toBe('');
    expect(json.sessions.some((s) => s.path === emptyFile)).toBe(false);
  });

  it('prints one line per session, its file below it, and a summary table', async () => {
    const r = await cli('session', 'discover');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // stderr is a pipe here: no progress line
    const lines = r.stdout.split('\n');
    expect(lines).toContain('[claude-code] 6 session file(s), 5 session(s)');
    expect(lines).toContain('[codex] 2 session file(s), 1 session(s)');
    const codexLine = lines.findIndex((l) => l.startsWith(`  ${CODEX_ID.slice(0, 12)}  `));
    expect(lines[codexLine]).toMatch(/^ {2}019d688b-3b5 {2}2026-04-07 15:24 UTC {2}gpt-5\.4 {2}48 ev {2}\S/);
    expect(lines[codexLine + 1]).toBe(`    ${join(home, '.codex/sessions/2026/04/07/rollout-x.jsonl')} (179.2 KB)`);
    const empty = lines.indexOf('  (empty)');
    expect(lines[empty + 1]).toBe(`    ${emptyFile} (0 B)`);
    expect(lines.some((l) => l.startsWith('  failed: '))).toBe(true);
    for (const l of lines) expect([...l].length <= 100 || l.startsWith('    /')).toBe(true);
    expect(lines).toContain('tool         found  parsed  empty  failed  sessions');
    expect(lines).toContain('claude-code      6       5      1       0         5');
    expect(lines).toContain('codex            2       1      0       1         1');
    expect(lines).toContain('total            8       6      1       1         6');
    expect(lines.at(-2)).toBe('Total: 2 tool(s), 8 session file(s)');
  });

  it('--files keeps the fast file-only listing', async () => {
    const r = await cli('session', 'discover', '--files', '--tool', 'codex');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('[codex] 2 session file(s)');
    for (const l of lines.slice(1, 3)) expect(l).toMatch(/ \(\d+(\.\d)? (B|KB), \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
    expect(lines.at(-1)).toBe('Total: 1 tool(s), 2 session file(s)');
    const json = JSON.parse((await cli('session', 'discover', '--files', '--json')).stdout) as { total_files: number };
    expect(json.total_files).toBe(8);
  });

  it('shows a "parsing N/M files" line on a terminal stderr, and clears it', async () => {
    let out = '';
    let err = '';
    await handleSessionDiscover(
      { tool: 'codex', json: true },
      {
        home,
        env: {},
        cwd: home,
        stdout: { write: (c: string) => (out += c) },
        stderr: { isTTY: true, write: (c: string) => (err += c) },
      },
    );
    expect(err).toContain('\rparsing 1/2 files');
    expect(err).toContain('\rparsing 2/2 files');
    expect(err.endsWith('\r\x1b[K')).toBe(true);
    expect((JSON.parse(out) as DiscoverJson).tools.codex?.sessions).toBe(1);
  });
});
