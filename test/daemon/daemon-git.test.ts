import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DaemonProcess,
  type FakeHome,
  fakeHome,
  newClaudeSession,
  spawnDaemon,
  waitFor,
  writeDaemonToml,
} from './harness.js';

const NATIVE = `[daemon]
auto_publish = true
publish_on = "session_end"
debounce_secs = 0.2
idle_secs = 0.2

[git_storage]
method = "native"
`;

describe('daemon with git_storage = "native" and no server', () => {
  let home: FakeHome;
  let repo: string;
  let daemon: DaemonProcess;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      encoding: 'utf8',
      env: { ...home.env, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  beforeAll(async () => {
    home = fakeHome();
    repo = join(home.home, 'code', 'webapp');
    mkdirSync(repo, { recursive: true });
    git('init', '-q', '-b', 'main');
    writeDaemonToml(home, NATIVE);
    daemon = spawnDaemon(home);
    await daemon.waitForOutput(/daemon started/);
  });
  afterAll(async () => {
    await daemon?.stop();
    home?.dispose();
  });

  it("stores a new session on the repository's hidden branch, sanitized, work tree untouched", async () => {
    const s = newClaudeSession(home, undefined, repo);
    const file = `opensession/sessions:v1/${s.id.slice(0, 2)}/${s.id}.hail.jsonl`;
    const stored = await waitFor(() => {
      try {
        return git('show', file);
      } catch {
        return undefined;
      }
    }, 'the session on opensession/sessions');
    expect(stored).toContain(`"session_id":"${s.id}"`);
    expect(stored).not.toContain(home.home);
    expect(git('status', '--porcelain')).toBe('');
    await daemon.waitForOutput(/uploaded session=\S+ created=true/);
  });

  it('skips sessions outside any repository without failing', async () => {
    const from = daemon.output().length;
    newClaudeSession(home, undefined, join(home.home, 'not-a-repo'));
    await daemon.waitForOutput(/not uploaded .*not in a git repository/, 30_000, from);
  });
});
