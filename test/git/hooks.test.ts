import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeSession } from '../../src/git/store-session.js';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { Session } from '../../src/hail/session.js';
import { loadSessions } from '../../src/parsers/load.js';
import { indexPath, openIndex } from '../../src/store/db.js';
import { listCommitLinks } from '../../src/store/queries/commit-links.js';
import { runCli } from '../cli/run-cli.js';
import { git, gitStatus, initRepo, type Sandbox, sandbox } from './git-fixture.js';

// The hooks end to end: `ops hooks install` in a real repository, real `git commit` and
// `git push` (to a local bare repository) running the installed scripts, which call this
// checkout's CLI through an `opensession` wrapper on PATH.

const SECRET = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`;
const ACTIVE_ID = 'a0000000-0000-4000-8000-000000000001';
const STALE_ID = 'b0000000-0000-4000-8000-000000000002';
const ELSEWHERE_ID = 'c0000000-0000-4000-8000-000000000003';

let fixture: Session;
beforeAll(async () => {
  fixture = (await loadSessions(resolve(__dirname, '../fixtures/claude-code/features.jsonl'))).sessions[0] as Session;
});

let sb: Sandbox;
let repo: string;
beforeEach(() => {
  sb = sandbox();
  repo = initRepo(sb);
});
afterEach(() => sb.dispose());

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { home: sb.home, env: { ...sb.env, ...env } });

/** A Claude Code transcript that ran in `cwd`, its last message `minutesAgo` minutes ago. */
function plantClaudeSession(id: string, cwd: string, minutesAgo: number): void {
  const at = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const line = (uuid: string, parent: string | null, ts: string, message: object) =>
    JSON.stringify({
      parentUuid: parent,
      isSidechain: false,
      userType: 'external',
      cwd,
      sessionId: id,
      version: '2.0.2',
      type: (message as { role: string }).role,
      message,
      uuid,
      timestamp: ts,
    });
  const dir = join(sb.home, '.claude/projects', cwd.replace(/[/.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const lines = [
    line('u1', null, at(minutesAgo + 10), { role: 'user', content: 'fix the parser' }),
    line('a1', 'u1', at(minutesAgo), {
      role: 'assistant',
      id: `msg_${id}`,
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Fixed.' }],
      usage: { input_tokens: 10, output_tokens: 5 },
    }),
  ];
  writeFileSync(join(dir, `${id}.jsonl`), `${lines.join('\n')}\n`);
}

async function indexSessions(): Promise<void> {
  const r = await cli(['session', 'index']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

function commitWith(name: string, content: string, env: Record<string, string> = {}) {
  mkdirSync(dirname(join(repo, name)), { recursive: true });
  writeFileSync(join(repo, name), content);
  git(repo, sb.env, 'add', name);
  return spawnSync('git', ['-C', repo, 'commit', '-q', '-m', `add ${name}`], {
    env: { ...sb.env, ...env },
    encoding: 'utf8',
  });
}

const trailers = (rev = 'HEAD') =>
  git(repo, sb.env, 'log', '-1', '--format=%(trailers:key=AI-Session,valueonly)', rev).split('\n').filter(Boolean);

const hooksDir = () => join(repo, '.git/hooks');

/** The initial commit was just made, and activity before the last commit does not count: move it into the past. */
const backdateHead = () =>
  git(repo, { ...sb.env, GIT_COMMITTER_DATE: '2020-01-01T00:00:00Z' }, 'commit', '-q', '--amend', '--no-edit');

describe('ops hooks install / uninstall', () => {
  it('installs three hooks, keeps an existing one, and restores it byte for byte', async () => {
    const userHook = '#!/bin/sh\n# the team hook\necho "team hook ran" >> "$1"\n';
    writeFileSync(join(hooksDir(), 'prepare-commit-msg'), userHook, { mode: 0o700 });
    chmodSync(join(hooksDir(), 'prepare-commit-msg'), 0o700);
    symlinkSync('/usr/share/some-tool/pre-push', join(hooksDir(), 'pre-push'));

    const r = await cli(['ops', 'hooks', 'install', '--repo', repo, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.window).toBe('12h');
    expect(body.hooks.map((h: { hook: string; outcome: string }) => [h.hook, h.outcome])).toEqual([
      ['prepare-commit-msg', 'chained'],
      ['post-commit', 'installed'],
      ['pre-push', 'chained'],
    ]);
    for (const name of ['prepare-commit-msg', 'post-commit', 'pre-push']) {
      const path = join(hooksDir(), name);
      expect(readFileSync(path, 'utf8')).toMatch(/^#!\/bin\/sh\n# opensession-managed: /);
      expect(statSync(path).mode & 0o777).toBe(0o755);
    }
    expect(readFileSync(join(hooksDir(), 'prepare-commit-msg.pre-opensession'), 'utf8')).toBe(userHook);

    // Installing again only refreshes our scripts; the kept hooks stay kept.
    const again = JSON.parse((await cli(['ops', 'hooks', 'install', '--repo', repo, '--json'])).stdout);
    expect(again.hooks.map((h: { outcome: string }) => h.outcome)).toEqual(['updated', 'updated', 'updated']);

    const un = await cli(['ops', 'hooks', 'uninstall', '--repo', repo]);
    expect(un.code).toBe(0);
    expect(un.stdout).toContain('prepare-commit-msg  removed; the previous hook is back');
    expect(un.stdout).toContain('post-commit         removed');
    expect(readFileSync(join(hooksDir(), 'prepare-commit-msg'), 'utf8')).toBe(userHook);
    expect(statSync(join(hooksDir(), 'prepare-commit-msg')).mode & 0o777).toBe(0o700);
    // A symlinked hook comes back as the same symlink (moved aside, never followed or copied).
    expect(lstatSync(join(hooksDir(), 'pre-push')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(hooksDir(), 'pre-push'))).toBe('/usr/share/some-tool/pre-push');
    expect(existsSync(join(hooksDir(), 'post-commit'))).toBe(false);
    expect(existsSync(join(hooksDir(), 'prepare-commit-msg.pre-opensession'))).toBe(false);
    expect(existsSync(join(hooksDir(), 'pre-push.pre-opensession'))).toBe(false);
  });

  it('touches neither file when a foreign hook and a backup both exist', async () => {
    writeFileSync(join(hooksDir(), 'post-commit'), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    writeFileSync(join(hooksDir(), 'post-commit.pre-opensession'), '#!/bin/sh\necho older\n', { mode: 0o755 });
    const r = await cli(['ops', 'hooks', 'install', '--repo', repo]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('post-commit         skipped: both a hook and a post-commit.pre-opensession exist');
    expect(readFileSync(join(hooksDir(), 'post-commit'), 'utf8')).toBe('#!/bin/sh\necho mine\n');
    expect(readFileSync(join(hooksDir(), 'post-commit.pre-opensession'), 'utf8')).toBe('#!/bin/sh\necho older\n');
  });

  it('leaves a hook someone else wrote over ours alone on uninstall', async () => {
    await cli(['ops', 'hooks', 'install', '--repo', repo]);
    writeFileSync(join(hooksDir(), 'post-commit'), '#!/bin/sh\necho replaced\n');
    const r = await cli(['ops', 'hooks', 'uninstall', '--repo', repo]);
    expect(r.stdout).toContain('post-commit         left alone (not an OpenSession hook)');
    expect(readFileSync(join(hooksDir(), 'post-commit'), 'utf8')).toBe('#!/bin/sh\necho replaced\n');
  });

  it('stores the window in git config, rejects a bad one, and removes it on uninstall', async () => {
    expect((await cli(['ops', 'hooks', 'install', '--repo', repo, '--window', 'soon'])).code).toBe(2);
    expect((await cli(['ops', 'hooks', 'install', '--repo', repo, '--window', '2h'])).code).toBe(0);
    expect(git(repo, sb.env, 'config', 'opensession.window').trim()).toBe('2h');
    await cli(['ops', 'hooks', 'uninstall', '--repo', repo]);
    expect(gitStatus(repo, sb.env, 'config', 'opensession.window').status).toBe(1);
  });

  it('fails clearly outside a repository', async () => {
    const plain = join(sb.root, 'plain');
    mkdirSync(plain);
    const r = await cli(['ops', 'hooks', 'install', '--repo', plain]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${plain} is not a git repository`);
  });
});

describe('prepare-commit-msg and post-commit', () => {
  it('names the sessions active in the repository and records the links', async () => {
    plantClaudeSession(ACTIVE_ID, join(repo, 'src'), 5);
    plantClaudeSession(STALE_ID, repo, 3 * 60);
    plantClaudeSession(ELSEWHERE_ID, join(sb.root, 'other-project'), 5);
    await indexSessions();
    writeFileSync(
      join(hooksDir(), 'prepare-commit-msg'),
      '#!/bin/sh\nprintf "\\nReviewed-by: team hook\\n" >> "$1"\n',
      {
        mode: 0o755,
      },
    );
    backdateHead();
    expect((await cli(['ops', 'hooks', 'install', '--repo', repo, '--window', '1h'])).code).toBe(0);

    const c = commitWith('a.txt', 'a\n');
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    expect(trailers()).toEqual([ACTIVE_ID]);
    // The team's hook still ran, before ours.
    expect(git(repo, sb.env, 'log', '-1', '--format=%B').trimEnd()).toBe(
      `add a.txt\n\nReviewed-by: team hook\nAI-Session: ${ACTIVE_ID}`,
    );
    const head = git(repo, sb.env, 'rev-parse', 'HEAD').trim();
    const db = openIndex(indexPath(join(sb.home, '.local/share/opensession')));
    try {
      expect(listCommitLinks(db, { commit: head })).toEqual([
        { repo_root: repo, commit_sha: head, session_id: ACTIVE_ID, linked_at: expect.any(String) },
      ]);
    } finally {
      db.close();
    }

    // Nothing new happened in the session since that commit: the next commit names nobody.
    const next = commitWith('b.txt', 'b\n');
    expect(next.status).toBe(0);
    expect(trailers()).toEqual([]);
  });

  it('does not add the trailer twice when a commit is amended', async () => {
    plantClaudeSession(ACTIVE_ID, repo, 5);
    await indexSessions();
    backdateHead();
    await cli(['ops', 'hooks', 'install', '--repo', repo]);
    expect(commitWith('a.txt', 'a\n').status).toBe(0);
    const amend = spawnSync('git', ['-C', repo, 'commit', '-q', '--amend', '--no-edit'], {
      env: { ...sb.env, GIT_COMMITTER_DATE: '2020-01-02T00:00:00Z' },
      encoding: 'utf8',
    });
    expect(amend.status).toBe(0);
    expect(trailers()).toEqual([ACTIVE_ID]);
  });

  it('never blocks a commit when opensession is missing or fails', async () => {
    await cli(['ops', 'hooks', 'install', '--repo', repo]);
    const missing = commitWith('a.txt', 'a\n', { OPENSESSION_BIN: join(sb.root, 'no-such-opensession') });
    expect(missing.status).toBe(0);
    expect(missing.stderr).toContain('no-such-opensession');
    expect(missing.stderr).toContain('not found; prepare-commit-msg hook skipped');

    const broken = join(sb.bin, 'broken-opensession');
    writeFileSync(broken, '#!/bin/sh\necho boom >&2\nexit 1\n', { mode: 0o755 });
    const failing = commitWith('b.txt', 'b\n', { OPENSESSION_BIN: broken });
    expect(failing.status).toBe(0);
    expect(failing.stderr).toContain('opensession: prepare-commit-msg hook failed; the commit is not affected');
    expect(git(repo, sb.env, 'log', '--format=%s').split('\n').slice(0, 2)).toEqual(['add b.txt', 'add a.txt']);
  });

  it('adds nothing, silently, before the first session index', async () => {
    await cli(['ops', 'hooks', 'install', '--repo', repo]);
    const c = commitWith('a.txt', 'a\n');
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    expect(trailers()).toEqual([]);
  });
});

describe('pre-push', () => {
  let remote: string;
  beforeEach(async () => {
    remote = join(sb.root, 'remote.git');
    git(sb.root, sb.env, 'init', '-q', '--bare', remote);
    git(repo, sb.env, 'remote', 'add', 'origin', remote);
    git(repo, sb.env, 'push', '-q', 'origin', 'main');
    expect((await cli(['ops', 'hooks', 'install', '--repo', repo])).code).toBe(0);
  });

  // The commit hooks are tested above: here they call `true` instead of the CLI, to save its start-up.
  const commitFile = (name: string, content: string) => commitWith(name, content, { OPENSESSION_BIN: 'true' });
  const push = (args: string[] = [], env: Record<string, string> = {}) =>
    spawnSync('git', ['-C', repo, 'push', ...args, 'origin', 'HEAD:main'], {
      env: { ...sb.env, ...env },
      encoding: 'utf8',
    });
  const remoteMain = () => git(remote, sb.env, 'rev-parse', 'main').trim();
  const withSecret = () => toHailJsonl({ ...fixture, context: { ...fixture.context, title: `deploy with ${SECRET}` } });

  it('refuses to push a session file holding a secret', async () => {
    const before = remoteMain();
    expect(commitFile('sessions/s1.hail.jsonl', withSecret()).status).toBe(0);
    const r = push();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('opensession: 1 secret finding(s) in 1 session file(s) about to be pushed:');
    expect(r.stderr).toMatch(
      /sessions\/s1\.hail\.jsonl \(commit [0-9a-f]{12}\)\n {4}line 1: github-token ghp_…3z5A \(high, context\.title\)/,
    );
    expect(r.stderr).toContain('OPENSESSION_ALLOW_SECRETS=1');
    expect(r.stderr).not.toContain(SECRET);
    expect(remoteMain()).toBe(before);
  });

  it('lets the push through with OPENSESSION_ALLOW_SECRETS=1 or --no-verify', async () => {
    expect(commitFile('sessions/s1.hail.jsonl', withSecret()).status).toBe(0);
    const allowed = push([], { OPENSESSION_ALLOW_SECRETS: '1' });
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toContain('pushing 1 secret finding(s) in session files (OPENSESSION_ALLOW_SECRETS=1)');
    expect(remoteMain()).toBe(git(repo, sb.env, 'rev-parse', 'HEAD').trim());

    expect(commitFile('sessions/s2.hail.jsonl', withSecret().replace('deploy', 'again')).status).toBe(0);
    expect(push(['--no-verify']).status).toBe(0);
    expect(remoteMain()).toBe(git(repo, sb.env, 'rev-parse', 'HEAD').trim());
  });

  it('pushes clean session files and other files without complaint', async () => {
    expect(commitFile('sessions/clean.hail.jsonl', toHailJsonl(fixture)).status).toBe(0);
    expect(commitFile('notes.txt', `not a session: ${SECRET}\n`).status).toBe(0);
    const r = push();
    expect(r.stderr).not.toContain('secret finding');
    expect(r.status).toBe(0);
  });

  it('checks the sessions branch of git-native storage too', async () => {
    const leaky = { ...fixture, context: { ...fixture.context, title: `deploy with ${SECRET}` } };
    await storeSession(repo, leaky, { env: sb.env });
    const r = spawnSync('git', ['-C', repo, 'push', 'origin', 'opensession/sessions'], {
      env: sb.env,
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`v1/11/${fixture.session_id}.hail.jsonl`);
    expect(gitStatus(remote, sb.env, 'rev-parse', '--verify', 'opensession/sessions').status).not.toBe(0);
  });

  it('hands the refs to the hook that was there before, which can still refuse', async () => {
    // As `install` leaves a hook that was there before (the install itself is tested above).
    const seen = join(sb.root, 'seen.txt');
    writeFileSync(join(hooksDir(), 'pre-push.pre-opensession'), `#!/bin/sh\ncat > ${seen}\n[ -z "$REFUSE" ]\n`, {
      mode: 0o755,
    });
    expect(commitFile('a.txt', 'a\n').status).toBe(0);
    const head = git(repo, sb.env, 'rev-parse', 'HEAD').trim();
    expect(push([], { REFUSE: '1' }).status).not.toBe(0);
    expect(readFileSync(seen, 'utf8')).toMatch(new RegExp(`^HEAD ${head} refs/heads/main [0-9a-f]{40}\n$`));
    expect(push().status).toBe(0);
  });
});
