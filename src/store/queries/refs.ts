import { existsSync } from 'node:fs';
import type { Db } from '../db.js';

export type ResolvedRef = { kind: 'session'; id: string } | { kind: 'file'; path: string };

export class RefError extends Error {
  constructor(
    message: string,
    readonly candidates: string[] = [],
  ) {
    super(message);
    this.name = 'RefError';
  }
}

/**
 * A session reference: `HEAD` / `HEAD~N` (Nth most recent), a full id, a unique id
 * prefix, or an existing file path. Ambiguous prefixes list the candidates.
 */
export function resolveRef(db: Db, ref: string): ResolvedRef {
  const head = /^HEAD(?:~(\d+))?$/.exec(ref);
  if (head) {
    const n = Number(head[1] ?? 0);
    const id = db.prepare('SELECT id FROM sessions ORDER BY created_at DESC, id LIMIT 1 OFFSET ?').pluck().get(n) as
      | string
      | undefined;
    if (!id) throw new RefError(`${ref}: the index has only ${n} session(s)`);
    return { kind: 'session', id };
  }
  const exact = db.prepare('SELECT id FROM sessions WHERE id = ?').pluck().get(ref) as string | undefined;
  if (exact) return { kind: 'session', id: exact };
  if (existsSync(ref)) return { kind: 'file', path: ref };
  const escaped = ref.replace(/[\\%_]/g, (c) => `\\${c}`);
  const matches = db
    .prepare("SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT 6")
    .pluck()
    .all(`${escaped}%`) as string[];
  if (matches.length === 1) return { kind: 'session', id: matches[0] as string };
  if (matches.length > 1) throw new RefError(`${ref}: ambiguous id prefix`, matches);
  throw new RefError(`${ref}: no session with this id or prefix, and no such file`);
}
