import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusHome, MIXED_HOME } from '../support/corpus-home.js';
import { runCli } from './run-cli.js';

// Session references (HEAD, HEAD~N, id prefix, file) in handoff/diff/timeline/export, the
// exports themselves (redacted, escaped), and doctor, on a fake home built from the corpus.

const SECRET = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`;
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const PLANTED_ID = '7d1c0c56-0000-4000-8000-00000000feed';
let home: string;

function claudeLine(uuid: string, parent: string | null, ts: string, message: object): string {
  const type = (message as { role: string }).role;
  return JSON.stringify({
    parentUuid: parent,
    isSidechain: false,
    userType: 'external',
    cwd: '/home/dev/app',
    sessionId: PLANTED_ID,
    version: '2.0.2',
    type,
    message,
    uuid,
    timestamp: ts,
  });
}

function plantSession(): void {
  const dir = join(home, '.claude/projects/-home-dev-app');
  mkdirSync(dir, { recursive: true });
  const lines = [
    claudeLine('u1', null, '2026-11-20T10:00:00.000Z', { role: 'user', content: `deploy with token ${SECRET} ${XSS}` }),
    claudeLine('a1', 'u1', '2026-11-20T10:00:05.000Z', {
      role: 'assistant',
      id: 'msg_1',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Deploying now.' }],
      usage: { input_tokens: 10, output_tokens: 5 },
    }),
  ];
  writeFileSync(join(dir, `${PLANTED_ID}.jsonl`), `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  home = corpusHome('os-cli-refs-', MIXED_HOME.slice(1));
  plantSession();
  expect((await runCli(['session', 'index'], { home })).code).toBe(0);
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('session references', () => {
  it('handoff defaults to HEAD, the newest session', async () => {
    const r = await runCli(['session', 'handoff', '--format', 'json'], { home });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].session_id).toBe(PLANTED_ID);
  });

  it('timeline takes an id prefix, diff takes HEAD and HEAD~1', async () => {
    const t = await runCli(['session', 'timeline', '019d688b', '--format', 'jsonl', '--max-rows', '1'], { home });
    expect(JSON.parse(t.stdout.split('\n')[0] as string).session_id).toBe('019d688b-3b5f-72c0-8028-4a4af562b9f5');
    const d = await runCli(['session', 'diff', 'HEAD', 'HEAD~1', '--json'], { home });
    expect(d.code).toBe(0);
    const diff = JSON.parse(d.stdout);
    expect(JSON.stringify(diff)).toContain(PLANTED_ID);
  });

  it('an unknown ref is a not-found error with exit code 3', async () => {
    const r = await runCli(['session', 'timeline', 'HEAD~99'], { home });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HEAD~99/);
  });
});

describe('session export', () => {
  it('redacts secrets by default and says so on stderr', async () => {
    const r = await runCli(['session', 'export', PLANTED_ID.slice(0, 8)], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).toContain('[REDACTED:');
    expect(r.stderr).toMatch(/redacted 1 secret\(s\) \(github-token\)/);
  });

  it('titles are redacted before they are cut, so no piece of a secret survives in the index', async () => {
    const r = await runCli(['session', 'log', '--json', '-n', '1'], { home });
    const title: string = JSON.parse(r.stdout).sessions[0].title;
    expect(title).toMatch(/^deploy with token \[REDACTED:github-token\]/);
    expect(title).not.toContain('ghp_');
  });

  it('--no-redact keeps them', async () => {
    const r = await runCli(['session', 'export', 'HEAD', '--format', 'hail', '--no-redact'], { home });
    expect(r.stdout).toContain(SECRET);
    expect(JSON.parse(r.stdout.split('\n')[0] as string)).toMatchObject({ type: 'header', session_id: PLANTED_ID });
  });

  it('HTML is one self-contained file with the session content escaped', async () => {
    const out = join(home, 'export.html');
    const r = await runCli(['session', 'export', 'HEAD', '--format', 'html', '-o', out], { home });
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<img src=x|<link|src="http/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain(SECRET);
  });
});

describe('session doctor', () => {
  it('reports tools, the index and the Claude Code retention risk', async () => {
    const r = await runCli(['session', 'doctor', '--json'], { home });
    expect(r.code).toBe(0);
    const { checks } = JSON.parse(r.stdout);
    const byName = Object.fromEntries(checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.codex).toMatchObject({ status: 'ok', message: expect.stringMatching(/^1 file/) });
    expect(byName.amp).toMatchObject({ status: 'skip' });
    expect(byName.index).toMatchObject({ status: 'ok', message: expect.stringMatching(/^3 session/) });
    expect(byName.freshness.status).toBe('ok');
    expect(byName['claude retention']).toMatchObject({ status: 'warn', message: expect.stringMatching(/30 days/) });
  });

  it('is satisfied by a long cleanupPeriodDays, and notices new files', async () => {
    writeFileSync(join(home, '.claude/settings.json'), JSON.stringify({ cleanupPeriodDays: 100000 }));
    put2();
    const { checks } = JSON.parse((await runCli(['session', 'doctor', '--json'], { home })).stdout);
    const byName = Object.fromEntries(checks.map((c: { name: string }) => [c.name, c]));
    expect(byName['claude retention'].status).toBe('ok');
    expect(byName.freshness).toMatchObject({ status: 'warn', message: expect.stringMatching(/^1 file/) });
  });

  it('fails with exit code 1 when an archived session is missing', async () => {
    const archive = join(home, '.local/share/opensession/archive');
    const victim = readdirSync(archive, { recursive: true, withFileTypes: true }).find((e) => e.isFile());
    if (!victim) throw new Error('no archive file');
    rmSync(join(victim.parentPath, victim.name));
    const r = await runCli(['session', 'doctor'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ archive\s+1 archived session\(s\) missing/);
  });
});

function put2(): void {
  const to = join(home, '.codex/sessions/2026/04/08/rollout-2026-04-08-b.jsonl');
  mkdirSync(dirname(to), { recursive: true });
  cpSync(join(CORPUS, 'codex/v0.118.0-tui-2026-04-exec-command-end.jsonl'), to);
}
