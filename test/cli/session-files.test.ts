import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import { sampleSession } from '../fixtures/sample-session.js';
import { runCli, tempHome } from './run-cli.js';

// The session commands that work on files named on the command line (no local index needed).

let home: string;
let dispose: () => void;
let a: string;
let b: string;
beforeAll(() => {
  ({ home, dispose } = tempHome());
  a = join(home, 'a.hail.jsonl');
  b = join(home, 'b.hail.jsonl');
  writeFileSync(a, toHailJsonl(sampleSession()));
  writeFileSync(b, toHailJsonl(sampleSession({ session_id: 'other' })));
});
afterAll(() => dispose());

const cli = (...args: string[]) => runCli(args, { home });

describe('session parse', () => {
  it('prints a summary by default', async () => {
    const r = await cli('session', 'parse', a);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `${a}: 1 session(s) as hail, 0 warning(s)`,
        '  s1 [claude-code] (claude-opus-4-6)  Fix auth test',
        '    2026-01-01T00:00:00Z | events 7 | messages 2 | tools 1 | tokens 1.2K in / 80 out',
        '',
      ].join('\n'),
    });
  });

  it('--format hail writes the session back byte for byte', async () => {
    const r = await cli('session', 'parse', a, '--format', 'hail');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(a, 'utf8'));
  });

  it('--format json has tool, sessions and warnings', async () => {
    const r = await cli('session', 'parse', a, '--format', 'json');
    const body = JSON.parse(r.stdout) as { tool: string; sessions: Array<{ session_id: string }>; warnings: unknown[] };
    expect(body.tool).toBe('hail');
    expect(body.sessions.map((s) => s.session_id)).toEqual(['s1']);
    expect(body.warnings).toEqual([]);
  });

  it('a missing file exits 3, an unknown format 2', async () => {
    const missing = await cli('session', 'parse', join(home, 'nope.jsonl'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`opensession session parse: no such file: ${join(home, 'nope.jsonl')}\n`);
    const notes = join(home, 'notes.txt');
    writeFileSync(notes, 'hello\n');
    const unknown = await cli('session', 'parse', notes, '--format', 'json');
    expect(unknown.code).toBe(2);
    // --format json is not --json: the error stays human-readable on stderr.
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      `opensession session parse: ${notes}: not a HAIL file or a session file of a supported tool\nhint: pass --tool to choose the parser\n`,
    );
  });
});

describe('session timeline, diff, handoff', () => {
  it('timeline prints the header and one row per event', async () => {
    const r = await cli('session', 'timeline', a);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'session_id: s1',
      'tool/model: claude-code / claude-opus-4-6',
      'events: 7 | rows: 7 | max_active_agents: 1 | max_lane_index: 0',
      '',
    ]);
    expect(lines[4]).toBe('   0 00:00:00  *       user Fix the failing auth test in /home/alice/proj');
  });

  it('timeline --format jsonl --max-rows 2 is a meta line and two rows', async () => {
    const r = await cli('session', 'timeline', a, '--format', 'jsonl', '--max-rows', '2');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; rows?: number });
    expect(lines.map((l) => l.type)).toEqual(['meta', 'line', 'line']);
    expect(lines[0]?.rows).toBe(2);
  });

  it('diff --json compares both sides', async () => {
    const r = await cli('session', 'diff', a, b, '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { a: { session_id: string }; b: { session_id: string }; files_modified: unknown };
    expect([d.a.session_id, d.b.session_id]).toEqual(['s1', 'other']);
    expect(d.files_modified).toEqual({ both: ['src/auth.ts'], a_only: [], b_only: [] });
  });

  it('handoff -o writes the Markdown briefing to a file', async () => {
    const out = join(home, 'handoff.md');
    const r = await cli('session', 'handoff', a, '-o', out);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `wrote ${out}\n` });
    expect(readFileSync(out, 'utf8')).toMatch(/^# Session Handoff\n\n## Objective\nFix the failing auth test/);
  });

  it('handoff --format json is always a list', async () => {
    const r = await cli('session', 'handoff', a, b, '--format', 'json');
    const list = JSON.parse(r.stdout) as Array<{ session_id: string }>;
    expect(list.map((h) => h.session_id)).toEqual(['s1', 'other']);
  });
});

describe('session discover', () => {
  it('an empty home has nothing to discover', async () => {
    const r = await cli('session', 'discover');
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'Total: 0 tool(s), 0 session file(s)\n' });
    const json = await cli('session', 'discover', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ tools: {}, sessions: [], failures: [] });
    const files = await cli('session', 'discover', '--files', '--json');
    expect(JSON.parse(files.stdout)).toEqual({ sources: [], total_tools: 0, total_files: 0 });
  });
});
