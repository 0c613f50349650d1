import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openIndex } from '../db.js';
import { activeSessionsIn, listCommitLinks, recordCommitLinks } from './commit-links.js';

let db: Db;
beforeEach(() => {
  db = openIndex(':memory:');
});
afterEach(() => db.close());

function addSession(id: string, cwd: string | null, updatedAt: string): void {
  db.prepare(
    `INSERT INTO sessions (id, tool, provider, model, cwd, created_at, updated_at)
     VALUES (?, 'claude-code', 'anthropic', 'claude', ?, ?, ?)`,
  ).run(id, cwd, updatedAt, updatedAt);
}

describe('activeSessionsIn', () => {
  const query = (dirs: string[], since = '2026-03-01T00:00:00Z', limit = 10) =>
    activeSessionsIn(db, { dirs, since, limit }).map((s) => s.id);

  it('finds sessions run in the repository or below it, most recent first', () => {
    addSession('root', '/work/app', '2026-03-01T10:00:00Z');
    addSession('sub', '/work/app/src/lib', '2026-03-01T11:00:00Z');
    addSession('sibling', '/work/app-old', '2026-03-01T12:00:00Z');
    addSession('parent', '/work', '2026-03-01T12:00:00Z');
    addSession('none', null, '2026-03-01T12:00:00Z');
    expect(query(['/work/app'])).toEqual(['sub', 'root']);
    expect(query(['/work/app/'])).toEqual(['sub', 'root']);
  });

  it('treats % and _ in paths as themselves', () => {
    addSession('literal', '/w/100%_done/x', '2026-03-01T10:00:00Z');
    addSession('lookalike', '/w/100abcdone/x', '2026-03-01T10:00:00Z');
    expect(query(['/w/100%_done'])).toEqual(['literal']);
  });

  it('keeps only sessions active since the given time, up to the limit', () => {
    addSession('old', '/r', '2026-02-28T23:59:59Z');
    addSession('a', '/r', '2026-03-01T01:00:00Z');
    addSession('b', '/r', '2026-03-01T02:00:00Z');
    addSession('c', '/r', '2026-03-01T03:00:00Z');
    expect(query(['/r'])).toEqual(['c', 'b', 'a']);
    expect(query(['/r'], '2026-03-01T00:00:00Z', 2)).toEqual(['c', 'b']);
  });

  it('matches any of several spellings of the root (a symlinked path and its target)', () => {
    addSession('via-link', '/home/me/app', '2026-03-01T10:00:00Z');
    addSession('real', '/data/me/app', '2026-03-01T11:00:00Z');
    expect(query(['/home/me/app', '/data/me/app'])).toEqual(['real', 'via-link']);
    expect(query([])).toEqual([]);
  });
});

describe('recordCommitLinks', () => {
  const link = (commit: string, session: string) => ({
    repo_root: '/r',
    commit_sha: commit,
    session_id: session,
    linked_at: '2026-03-01T00:00:00Z',
  });

  it('records each link once and lists them by commit or session', () => {
    expect(recordCommitLinks(db, [link('c1', 's1'), link('c1', 's2')])).toBe(2);
    expect(recordCommitLinks(db, [link('c1', 's1'), link('c2', 's1')])).toBe(1);
    expect(listCommitLinks(db, { commit: 'c1' }).map((l) => l.session_id)).toEqual(['s1', 's2']);
    expect(listCommitLinks(db, { session: 's1' }).map((l) => l.commit_sha)).toEqual(['c1', 'c2']);
  });
});
