import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendTurns,
  type FakeHome,
  fakeHome,
  newClaudeSession,
  RestartableServer,
  serverWithUser,
  tearDown,
  writeConfigs,
} from '../daemon/harness.js';
import { http } from '../support/server-harness.js';
import { runCli } from './run-cli.js';

const TOKEN = 'ghp_R3aLlyL00kingT0kenV4lue1234567890abc';

describe('publish upload and upload-all (real server)', () => {
  const server = new RestartableServer();
  let home: FakeHome;
  let key: string;
  const cli = (...args: string[]) => runCli(args, { home: home.home });

  beforeAll(async () => {
    ({ home, key } = await serverWithUser(server, 'publisher', ''));
  });
  afterAll(() => tearDown(server, home, undefined));

  it('upload <file> sends the session redacted, then updates it in place', async () => {
    const s = newClaudeSession(home);
    appendTurns(s.path, s.id, 1, `export GITHUB_TOKEN=${TOKEN}`);
    const first = await cli('publish', 'upload', s.path, '--json');
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.sessions).toHaveLength(1);
    expect(out.sessions[0]).toMatchObject({ session_id: s.id, tool: 'claude-code', status: 'created' });
    expect(out.sessions[0].findings.length).toBeGreaterThan(0);
    const id = out.sessions[0].url.split('/').pop();
    const raw = await http(server.url, 'GET', `/api/sessions/${id}/raw`, { token: key });
    expect(raw.body).toContain('[REDACTED:');
    expect(raw.body).not.toContain(TOKEN);
    expect(raw.body).not.toContain(home.home);
    const again = JSON.parse((await cli('publish', 'upload', s.path, '--json')).stdout);
    expect(again.sessions[0].status).toBe('updated');
    expect((await server.sessionIds(key)).filter((x) => x === s.id)).toHaveLength(1);
  });

  it('upload --dry-run shows the findings and sends nothing', async () => {
    const s = newClaudeSession(home);
    appendTurns(s.path, s.id, 1, `token=${TOKEN}`);
    const r = await cli('publish', 'upload', s.path, '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('would upload');
    expect(r.stdout).toMatch(/redacted \d+ secret\(s\)/);
    expect(r.stdout).toContain('ghp_…');
    expect(r.stdout).not.toContain(TOKEN);
    expect(await server.sessionIds(key)).not.toContain(s.id);
  });

  it('upload-all uploads what the server lacks, then skips unchanged sessions', async () => {
    const first = await cli('publish', 'upload-all', '--json');
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout);
    expect(a.summary.failed).toBe(0);
    expect(a.summary.created).toBeGreaterThanOrEqual(2); // the corpus history, the dry-run session
    const second = JSON.parse((await cli('publish', 'upload-all', '--json')).stdout);
    expect(second.summary).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(second.summary.unchanged).toBe(a.sessions.length);
    const ids = await server.sessionIds(key);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('upload-all --dry-run lists changed sessions; excluded projects never go', async () => {
    const s = newClaudeSession(home);
    writeFileSync(
      join(home.home, '.config', 'opensession', 'daemon.toml'),
      '[privacy]\nexclude_projects = ["evergreen"]\n',
    );
    try {
      const dry = await cli('publish', 'upload-all', '--dry-run', '--json');
      expect(dry.code, dry.stderr).toBe(0);
      const lines = JSON.parse(dry.stdout).sessions;
      // The template session ran in /Users/bholt/dev/evergreen.
      expect(lines.find((l: { session_id: string }) => l.session_id === s.id)).toMatchObject({ status: 'excluded' });
      const real = JSON.parse((await cli('publish', 'upload-all', '--json')).stdout);
      expect(real.summary.excluded).toBeGreaterThan(0);
      expect(await server.sessionIds(key)).not.toContain(s.id);
    } finally {
      writeFileSync(join(home.home, '.config', 'opensession', 'daemon.toml'), '');
    }
  });

  it('says what to do when no server or no valid key is configured', async () => {
    const bare = fakeHome();
    try {
      const r = await runCli(['publish', 'upload-all'], { home: bare.home });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('no server configured');
      expect(r.stderr).toContain('account config --server');
      writeConfigs(bare, { url: server.url, apiKey: 'osk_notakey' }, '');
      const s = newClaudeSession(bare);
      const bad = await runCli(['publish', 'upload', s.path], { home: bare.home });
      expect(bad.code).toBe(4);
      expect(bad.stderr).toContain('refused the API key');
    } finally {
      bare.dispose();
    }
  });
});
