import type { Db } from '../db.js';

export interface ActiveSession {
  id: string;
  tool: string;
  updated_at: string;
}

const escapeLike = (v: string): string => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Sessions that ran inside one of `dirs` (a repository's root, under any of its spellings) and
 * were active at or after `since`, most recently active first.
 */
export function activeSessionsIn(
  db: Db,
  opts: { dirs: readonly string[]; since: string; limit: number },
): ActiveSession[] {
  const params: Record<string, unknown> = { since: opts.since, limit: opts.limit };
  const inside = opts.dirs.map((dir, i) => {
    const root = dir.replace(/\/+$/, '');
    params[`d${i}`] = root;
    params[`p${i}`] = `${escapeLike(root)}/%`;
    return `s.cwd = @d${i} OR s.cwd LIKE @p${i} ESCAPE '\\'`;
  });
  if (inside.length === 0) return [];
  return db
    .prepare(
      `SELECT s.id, s.tool, s.updated_at FROM sessions s
       WHERE (${inside.join(' OR ')}) AND s.updated_at >= @since
       ORDER BY s.updated_at DESC, s.id LIMIT @limit`,
    )
    .all(params) as ActiveSession[];
}

export interface CommitLink {
  repo_root: string;
  commit_sha: string;
  session_id: string;
  linked_at: string;
}

/** Records that `commit` was made while these sessions ran; recording a link twice is a no-op. */
export function recordCommitLinks(db: Db, links: readonly CommitLink[]): number {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO commit_session_links (repo_root, commit_sha, session_id, linked_at)
     VALUES (@repo_root, @commit_sha, @session_id, @linked_at)`,
  );
  return db.transaction(() => links.reduce((n, l) => n + insert.run(l).changes, 0))();
}

/** Links of one commit or one session, oldest first. */
export function listCommitLinks(db: Db, by: { commit?: string; session?: string }): CommitLink[] {
  return db
    .prepare(
      `SELECT repo_root, commit_sha, session_id, linked_at FROM commit_session_links
       WHERE (@commit IS NULL OR commit_sha = @commit) AND (@session IS NULL OR session_id = @session)
       ORDER BY linked_at, commit_sha, session_id`,
    )
    .all({ commit: by.commit ?? null, session: by.session ?? null }) as CommitLink[];
}
