import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitError } from '../../src/git/git-exec.js';
import { SESSIONS_REF } from '../../src/git/layout.js';
import { listStoredSessions, readStoredSession, resolveStoredId } from '../../src/git/read-stored.js';
import { storeSessionInRepoOf } from '../../src/git/store-in-repo-of.js';
import { storeSession } from '../../src/git/store-session.js';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { Session } from '../../src/hail/session.js';
import { loadSessions } from '../../src/parsers/load.js';
import { runCli } from '../cli/run-cli.js';
import { git, gitStatus, initRepo, type Sandbox, sandbox } from './git-fixture.js';

// git-native storage on real repositories: what lands on the sessions branch, that storing is
// idempotent and safe under concurrent writers, that the user's checkout (work tree, index,
// HEAD) is never touched, and that the CLI lists and shows what was stored.

let fixture: Session;

/** The fixture session under another id, title and creation time. */
function variant(id: string, title: string, createdAt = fixture.context.created_at): Session {
  return { ...fixture, session_id: id, context: { ...fixture.context, title, created_at: createdAt } };
}

beforeAll(async () => {
  const loaded = await loadSessions(resolve(__dirname, '../fixtures/claude-code/features.jsonl'));
  fixture = loaded.sessions[0] as Session;
});

let sb: Sandbox;
let repo: string;
beforeEach(() => {
  sb = sandbox();
  repo = initRepo(sb);
});
afterEach(() => sb.dispose());

const opts = () => ({ env: sb.env });
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('storeSession', () => {
  it('writes the HAIL file and its meta under v1/<id[0..2]>/ on refs/heads/opensession/sessions', async () => {
    const id = fixture.session_id;
    const r = await storeSession(repo, fixture, opts());
    expect(r).toMatchObject({ session_id: id, path: `v1/11/${id}.hail.jsonl`, ref: SESSIONS_REF, changed: true });
    expect(git(repo, sb.env, 'rev-parse', SESSIONS_REF).trim()).toBe(r.commit);
    expect(git(repo, sb.env, 'ls-tree', '-r', '--name-only', SESSIONS_REF).split('\n').filter(Boolean)).toEqual([
      `v1/11/${id}.hail.jsonl`,
      `v1/11/${id}.meta.json`,
    ]);
    // JSONL, one record per line (the reference stored one JSON object under this name).
    expect(git(repo, sb.env, 'show', `${SESSIONS_REF}:${r.path}`)).toBe(toHailJsonl(fixture));
    const meta = JSON.parse(git(repo, sb.env, 'show', `${SESSIONS_REF}:v1/11/${id}.meta.json`));
    expect(meta).toMatchObject({ session_id: id, tool: 'claude-code', model: fixture.agent.model });
    // An orphan branch: no history shared with main.
    expect(git(repo, sb.env, 'log', '--format=%an <%ae>|%s', SESSIONS_REF).trim()).toBe(
      `opensession <cli@opensession.io>|session: ${id}`,
    );
    expect(gitStatus(repo, sb.env, 'merge-base', 'main', SESSIONS_REF)).toMatchObject({ status: 1, stdout: '' });
    expect(git(repo, sb.env, 'reflog', 'show', '--format=%gs', SESSIONS_REF).trim()).toBe(`opensession: store ${id}`);
  });

  it('reads back exactly what it stored', async () => {
    await storeSession(repo, fixture, opts());
    const back = await readStoredSession(repo, fixture.session_id, opts());
    expect(toHailJsonl(back)).toBe(toHailJsonl(fixture));
  });

  it('is idempotent: storing the same session again writes no commit', async () => {
    const first = await storeSession(repo, fixture, opts());
    const again = await storeSession(repo, fixture, opts());
    expect(again).toMatchObject({ changed: false, commit: first.commit });
    expect(git(repo, sb.env, 'rev-list', '--count', SESSIONS_REF).trim()).toBe('1');
  });

  it('stores a changed session as a new commit on top, keeping other sessions', async () => {
    const other = variant('22222222-0000-4000-8000-000000000000', 'other');
    await storeSession(repo, other, opts());
    const first = await storeSession(repo, fixture, opts());
    const changed = await storeSession(repo, variant(fixture.session_id, 'renamed'), opts());
    expect(changed.changed).toBe(true);
    expect(git(repo, sb.env, 'rev-parse', `${changed.commit}^`).trim()).toBe(first.commit);
    expect(git(repo, sb.env, 'rev-list', '--count', SESSIONS_REF).trim()).toBe('3');
    const back = await readStoredSession(repo, fixture.session_id, opts());
    expect(back.context.title).toBe('renamed');
    expect((await readStoredSession(repo, other.session_id, opts())).context.title).toBe('other');
  });

  it('never touches the work tree, the index or HEAD, even with staged and unstaged changes', async () => {
    writeFileSync(join(repo, 'staged.txt'), 'staged\n');
    git(repo, sb.env, 'add', 'staged.txt');
    writeFileSync(join(repo, 'README.md'), '# changed, not staged\n');
    writeFileSync(join(repo, 'untracked.txt'), 'untracked\n');
    const index = join(repo, '.git/index');
    const before = {
      // --no-optional-locks: a plain status may rewrite the index itself (stat refresh).
      status: git(repo, sb.env, '--no-optional-locks', 'status', '--porcelain'),
      head: git(repo, sb.env, 'rev-parse', 'HEAD'),
      symbolic: git(repo, sb.env, 'symbolic-ref', 'HEAD'),
      indexHash: sha256(index),
      indexMtime: statSync(index).mtimeMs,
      readme: readFileSync(join(repo, 'README.md'), 'utf8'),
    };
    await storeSession(repo, fixture, opts());
    await storeSession(repo, variant('33333333-0000-4000-8000-000000000000', 'second'), opts());
    expect({
      // --no-optional-locks: a plain status may rewrite the index itself (stat refresh).
      status: git(repo, sb.env, '--no-optional-locks', 'status', '--porcelain'),
      head: git(repo, sb.env, 'rev-parse', 'HEAD'),
      symbolic: git(repo, sb.env, 'symbolic-ref', 'HEAD'),
      indexHash: sha256(index),
      indexMtime: statSync(index).mtimeMs,
      readme: readFileSync(join(repo, 'README.md'), 'utf8'),
    }).toEqual(before);
    expect(before.status).toBe(' M README.md\nA  staged.txt\n?? untracked.txt\n');
  });

  it('leaves a clean checkout clean', async () => {
    await storeSession(repo, fixture, opts());
    expect(git(repo, sb.env, 'status', '--porcelain')).toBe('');
  });

  it('loses nothing when several writers store at once (the ref moves by compare-and-swap)', async () => {
    const ids = ['aa000001', 'aa000002', 'bb000003', 'cc000004', 'dd000005'];
    const results = await Promise.all(ids.map((id) => storeSession(repo, variant(id, id), { ...opts(), retries: 20 })));
    expect(results.every((r) => r.changed)).toBe(true);
    expect((await listStoredSessions(repo, opts())).sessions.map((s) => s.session_id).sort()).toEqual(ids);
    expect(git(repo, sb.env, 'rev-list', '--count', SESSIONS_REF).trim()).toBe('5');
  });

  it('works in a bare repository', async () => {
    const bare = join(sb.root, 'bare.git');
    git(sb.root, sb.env, 'init', '-q', '--bare', bare);
    await storeSession(bare, fixture, opts());
    expect((await listStoredSessions(bare, opts())).sessions).toHaveLength(1);
  });
});

describe('storeSessionInRepoOf (the daemon with method = native)', () => {
  it("stores in the repository of the session's directory and gives the raw URL on origin", async () => {
    mkdirSync(join(repo, 'src/deep'), { recursive: true });
    git(repo, sb.env, 'remote', 'add', 'origin', 'git@github.com:acme/app.git');
    const r = await storeSessionInRepoOf(join(repo, 'src/deep'), fixture, opts());
    expect(r).toMatchObject({ repo, changed: true });
    expect(r.body_url).toBe(
      `https://raw.githubusercontent.com/acme/app/opensession/sessions/v1/11/${fixture.session_id}.hail.jsonl`,
    );
    expect((await listStoredSessions(repo, opts())).sessions).toHaveLength(1);
  });

  it('has no body_url without an origin, and refuses a directory outside any repository', async () => {
    expect((await storeSessionInRepoOf(repo, fixture, opts())).body_url).toBeUndefined();
    const plain = join(sb.root, 'plain');
    mkdirSync(plain);
    await expect(storeSessionInRepoOf(plain, fixture, opts())).rejects.toMatchObject({ kind: 'not-a-repo' });
  });
});

describe('storeSession errors', () => {
  const kindOf = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) => (e instanceof GitError ? `${e.kind}: ${e.message}` : String(e)),
    );

  it('refuses a directory that is not a repository', async () => {
    const plain = join(sb.root, 'plain');
    mkdirSync(plain);
    expect(await kindOf(storeSession(plain, fixture, opts()))).toBe(`not-a-repo: ${plain} is not a git repository`);
  });

  it('refuses a directory that does not exist', async () => {
    const gone = join(sb.root, 'gone');
    expect(await kindOf(storeSession(gone, fixture, opts()))).toBe(`not-a-repo: ${gone}: no such directory`);
  });

  it('says when git is not installed', async () => {
    const noGit = { env: { ...sb.env, PATH: join(sb.root, 'empty') } };
    expect(await kindOf(storeSession(repo, fixture, noGit))).toMatch(/^git-missing: git is not installed/);
  });

  it('refuses ids that cannot be file names, before writing anything', async () => {
    for (const id of ['../escape', 'a/b', '.hidden', '', 'x'.repeat(201)]) {
      expect(await kindOf(storeSession(repo, variant(id, 't'), opts()))).toMatch(
        /^failed: session id .* cannot be a file name/,
      );
    }
    expect(git(repo, sb.env, 'for-each-ref', '--format=%(refname)')).not.toContain('opensession');
  });

  it('names the clash when a branch called opensession blocks opensession/sessions', async () => {
    git(repo, sb.env, 'branch', 'opensession');
    expect(await kindOf(storeSession(repo, fixture, opts()))).toMatch(
      /^conflict: cannot create refs\/heads\/opensession\/sessions: .*'refs\/heads\/opensession' exists/,
    );
  });
});

describe('listStoredSessions and resolveStoredId', () => {
  it('lists nothing when the branch does not exist yet', async () => {
    expect(await listStoredSessions(repo, opts())).toEqual({ sessions: [], issues: [] });
  });

  it('lists newest first with their meta', async () => {
    await storeSession(repo, variant('ab000001', 'old', '2026-01-01T00:00:00Z'), opts());
    await storeSession(repo, variant('ab000002', 'new', '2026-02-01T00:00:00Z'), opts());
    await storeSession(repo, variant('cd000003', 'middle', '2026-01-15T00:00:00Z'), opts());
    const { sessions, issues } = await listStoredSessions(repo, opts());
    expect(issues).toEqual([]);
    expect(sessions.map((s) => [s.session_id, s.meta?.title, s.path])).toEqual([
      ['ab000002', 'new', 'v1/ab/ab000002.hail.jsonl'],
      ['cd000003', 'middle', 'v1/cd/cd000003.hail.jsonl'],
      ['ab000001', 'old', 'v1/ab/ab000001.hail.jsonl'],
    ]);
    expect(sessions[0]?.meta?.stats.event_count).toBe(fixture.stats.event_count);
  });

  it('reports a meta file that is not valid, and still lists the session', async () => {
    await storeSession(repo, variant('ab000001', 'fine'), opts());
    // A hand-made commit on the branch (as a teammate's broken tool might push) with bad meta.
    const other = join(sb.root, 'other');
    git(sb.root, sb.env, 'clone', '-q', '--branch', 'opensession/sessions', repo, other);
    mkdirSync(join(other, 'v1/ef'), { recursive: true });
    writeFileSync(join(other, 'v1/ef/ef000009.hail.jsonl'), toHailJsonl(variant('ef000009', 'x')));
    writeFileSync(join(other, 'v1/ef/ef000009.meta.json'), '{"session_id": 1');
    git(other, sb.env, 'add', '.');
    git(other, sb.env, 'commit', '-q', '-m', 'hand-made');
    git(other, sb.env, 'push', '-q', 'origin', 'opensession/sessions');
    const { sessions, issues } = await listStoredSessions(repo, opts());
    expect(sessions.map((s) => [s.session_id, s.meta === undefined])).toEqual([
      ['ab000001', false],
      ['ef000009', true],
    ]);
    expect(issues).toEqual([expect.stringMatching(/^v1\/ef\/ef000009\.meta\.json: invalid JSON/)]);
  });

  it('resolves a unique prefix, and names the candidates of an ambiguous one', async () => {
    await storeSession(repo, variant('ab000001', 'one'), opts());
    await storeSession(repo, variant('ab000002', 'two'), opts());
    expect(await resolveStoredId(repo, 'ab000002', opts())).toBe('ab000002');
    expect(await resolveStoredId(repo, 'ab0000', opts()).catch((e: GitError) => e.message)).toMatch(
      /ab0000 is ambiguous .*: ab000001, ab000002$/,
    );
    await expect(resolveStoredId(repo, 'zz', opts())).rejects.toMatchObject({ kind: 'not-found' });
    await expect(readStoredSession(repo, 'zz000000', opts())).rejects.toMatchObject({ kind: 'not-found' });
  });
});

describe('session log --git and session show --git', () => {
  it('lists the stored sessions of a repository', async () => {
    await storeSession(repo, variant('ab000001', 'first task', '2026-01-01T09:00:00Z'), opts());
    await storeSession(repo, variant('cd000002', 'second \u001b[31mtask', '2026-01-02T09:00:00Z'), opts());
    const r = await runCli(['session', 'log', '--git', repo], { home: sb.home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const events = fixture.stats.event_count;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^cd000002 2026-01-02 09:00 \\[claude-code\\] \\(.+\\) ${events} events .+ tokens$`),
    );
    // Titles are untrusted content: escape sequences are stripped.
    expect(lines[1]).toBe('    second task');
    expect(lines[3]).toBe('    first task');
    expect(r.stdout).toMatch(/Showing 2 session\(s\)\n$/);
  });

  it('filters and limits like the index log, and prints JSON', async () => {
    await storeSession(repo, variant('ab000001', 'first task', '2026-01-01T09:00:00Z'), opts());
    await storeSession(repo, variant('cd000002', 'second task', '2026-01-02T09:00:00Z'), opts());
    const r = await runCli(['session', 'log', '--git', repo, '--grep', 'FIRST', '--json'], { home: sb.home });
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.ref).toBe(SESSIONS_REF);
    expect(body.sessions.map((s: { session_id: string; title: string }) => [s.session_id, s.title])).toEqual([
      ['ab000001', 'first task'],
    ]);
    const limited = await runCli(['session', 'log', '--git', repo, '-n', '1'], { home: sb.home });
    expect(limited.stdout).toMatch(/^cd000002 /);
    expect(limited.stdout).toMatch(/Showing 1 session\(s\)\n$/);
  });

  it('shows a stored session by id prefix', async () => {
    await storeSession(repo, fixture, opts());
    const r = await runCli(['session', 'show', '11111111', '--git', repo, '--format', 'hail'], { home: sb.home });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(toHailJsonl(fixture));
  });

  it('fails clearly outside a repository and for an unknown session', async () => {
    const plain = join(sb.root, 'plain');
    mkdirSync(plain);
    const notRepo = await runCli(['session', 'log', '--git', plain], { home: sb.home });
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain(`opensession session log: ${plain} is not a git repository`);
    const missing = await runCli(['session', 'show', 'zz', '--git', repo], { home: sb.home });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no session zz stored in');
  });
});
