import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, Dialect } from './schema.js';

export interface SearchDocument {
  title: string;
  description: string;
  body: string;
}

const MAX_TERMS = 16;

/**
 * FTS5 treats `" * : ^ ( ) - + NEAR AND OR NOT` as syntax. Quoting every whitespace-separated
 * term (doubling inner quotes) makes each one a plain phrase, ANDed together.
 */
export function fts5Query(search: string): string | undefined {
  const terms = search.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}

export async function writeSearchDocument(
  db: Kysely<DB>,
  dialect: Dialect,
  pk: string,
  doc: SearchDocument,
): Promise<void> {
  if (dialect === 'sqlite') {
    // One rowid per session for good (sessions_fts_keys), so the old document goes by rowid.
    // The rowid is looked up inside each statement, never carried between them in JS: on D1 a
    // transaction's writes run later as one batch, where no statement can see another's result.
    await sql`INSERT INTO sessions_fts_keys (session_pk) VALUES (${pk})
      ON CONFLICT (session_pk) DO NOTHING`.execute(db);
    await sql`DELETE FROM sessions_fts WHERE rowid =
      (SELECT fts_rowid FROM sessions_fts_keys WHERE session_pk = ${pk})`.execute(db);
    await sql`INSERT INTO sessions_fts (rowid, session_pk, title, description, body)
      SELECT fts_rowid, session_pk, ${doc.title}, ${doc.description}, ${doc.body}
      FROM sessions_fts_keys WHERE session_pk = ${pk}`.execute(db);
    return;
  }
  await deleteSearchDocument(db, dialect, pk);
  await sql`INSERT INTO session_search (session_pk, doc) VALUES (${pk}, ${pgSearchDocument(doc)})`.execute(db);
}

/** A session's PostgreSQL search document: title weighs most, then description, then messages. */
export const pgSearchDocument = (doc: SearchDocument) =>
  sql`setweight(to_tsvector('simple', ${doc.title}), 'A') ||
      setweight(to_tsvector('simple', ${doc.description}), 'B') ||
      to_tsvector('simple', ${doc.body})`;

export async function deleteSearchDocument(db: Kysely<DB>, dialect: Dialect, pk: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`DELETE FROM sessions_fts WHERE rowid =
      (SELECT fts_rowid FROM sessions_fts_keys WHERE session_pk = ${pk})`.execute(db);
    await sql`DELETE FROM sessions_fts_keys WHERE session_pk = ${pk}`.execute(db);
  } else await sql`DELETE FROM session_search WHERE session_pk = ${pk}`.execute(db);
}

/** A condition on `sessions.id` matching the user's search; undefined when the search has no terms. */
export function searchCondition(dialect: Dialect, search: string): Expression<SqlBool> | undefined {
  if (dialect === 'sqlite') {
    const q = fts5Query(search);
    // Matches go by rowid through sessions_fts_keys: reading session_pk from sessions_fts loads
    // each match's whole document (up to 256 KB of text). The unary + keeps SQLite from driving
    // the query from the matches (a lookup and a sort of every one, 140 ms for a word in an
    // eighth of 100k sessions): it walks the list order instead and stops at the page (14 ms;
    // 5 ms for a word in no session).
    return q === undefined
      ? undefined
      : sql<SqlBool>`+sessions.id IN (SELECT session_pk FROM sessions_fts_keys WHERE fts_rowid IN
          (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ${q}))`;
  }
  if (search.trim() === '') return undefined;
  // plainto_tsquery ignores all operator syntax: the text is only words.
  return sql<SqlBool>`sessions.id IN (SELECT session_pk FROM session_search WHERE doc @@ plainto_tsquery('simple', ${search}))`;
}
