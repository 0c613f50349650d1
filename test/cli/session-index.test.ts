import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusHome, MIXED_HOME } from '../support/corpus-home.js';
import { runCli } from './run-cli.js';

let home: string;

beforeAll(() => {
  home = corpusHome('os-cli-index-', MIXED_HOME);
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('session index, log, search, stats (end to end)', () => {
  it('reads before indexing fail with a hint', async () => {
    const r = await runCli(['session', 'log'], { home: join(home, 'nowhere') });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/session index/);
  });

  it('indexes, then a second run parses nothing', async () => {
    const first = await runCli(['session', 'index', '--json'], { home });
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(a.totals.parsed).toBeGreaterThanOrEqual(6);
    expect(a.byTool.codex.sessions).toBe(1);
    const second = JSON.parse((await runCli(['session', 'index', '--json'], { home })).stdout);
    expect(second.totals.parsed).toBe(0);
    expect(second.totals.skipped).toBe(a.totals.found);
  });

  it('logs newest first and filters by tool', async () => {
    const r = await runCli(['session', 'log', '--tool', 'codex', '--json'], { home });
    const { sessions } = JSON.parse(r.stdout);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id: '019d688b-3b5f-72c0-8028-4a4af562b9f5', tool: 'codex', model: 'gpt-5.4' });
    const text = await runCli(['session', 'log', '-n', '2'], { home });
    expect(text.stdout).toMatch(/Showing 2 session\(s\)/);
  });

  it('search names the matching message', async () => {
    const r = await runCli(['session', 'search', 'bun', '--tool', 'codex', '--json'], { home });
    const { hits } = JSON.parse(r.stdout);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].session_id).toBe('019d688b-3b5f-72c0-8028-4a4af562b9f5');
    expect(typeof hits[0].seq).toBe('number');
    expect(hits[0].snippet.toLowerCase()).toContain('bun');
  });

  it('stats totals agree with the parsers (codex usage)', async () => {
    const r = await runCli(['session', 'stats', '--by', 'tool', '--json', '--tool', 'codex'], { home });
    const report = JSON.parse(r.stdout);
    // Figures read from the file's final total_token_usage (see the codex parser tests).
    expect(report.totals).toMatchObject({
      sessions: 1,
      input_tokens: 59424,
      output_tokens: 3316,
      cache_read_tokens: 248960,
    });
    expect(report.totals.cost_usd).toBeGreaterThan(0);
  });

  it('show renders an indexed session from the archive, by id prefix or HEAD', async () => {
    const md = await runCli(['session', 'show', '019d688b'], { home });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# /);
    expect(md.stdout).toContain('`019d688b-3b5f-72c0-8028-4a4af562b9f5`');
    expect(md.stdout).toContain('### 👤 User');
    const hail = await runCli(['session', 'show', '019d688b', '--format', 'hail'], { home });
    const lines = hail.stdout.trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      type: 'header',
      session_id: '019d688b-3b5f-72c0-8028-4a4af562b9f5',
    });
    expect(lines).toHaveLength(48 + 2);
    const missing = await runCli(['session', 'show', 'zzzz'], { home });
    expect(missing.code).toBe(3);
  });
});
