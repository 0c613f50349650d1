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
  await deleteSearchDocument(db, dialect, pk);
  if (dialect === 'sqlite') {
    await sql`INSERT INTO sessions_fts (session_pk, title, description, body)
      VALUES (${pk}, ${doc.title}, ${doc.description}, ${doc.body})`.execute(db);
    return;
  }
  await sql`INSERT INTO session_search (session_pk, doc) VALUES (${pk},
      setweight(to_tsvector('simple', ${doc.title}), 'A') ||
      setweight(to_tsvector('simple', ${doc.description}), 'B') ||
      to_tsvector('simple', ${doc.body}))`.execute(db);
}

export async function deleteSearchDocument(db: Kysely<DB>, dialect: Dialect, pk: string): Promise<void> {
  if (dialect === 'sqlite') await sql`DELETE FROM sessions_fts WHERE session_pk = ${pk}`.execute(db);
  else await sql`DELETE FROM session_search WHERE session_pk = ${pk}`.execute(db);
}

/** A condition on `sessions.id` matching the user's search; undefined when the search has no terms. */
export function searchCondition(dialect: Dialect, search: string): Expression<SqlBool> | undefined {
  if (dialect === 'sqlite') {
    const q = fts5Query(search);
    return q === undefined
      ? undefined
      : sql<SqlBool>`sessions.id IN (SELECT session_pk FROM sessions_fts WHERE sessions_fts MATCH ${q})`;
  }
  if (search.trim() === '') return undefined;
  // plainto_tsquery ignores all operator syntax: the text is only words.
  return sql<SqlBool>`sessions.id IN (SELECT session_pk FROM session_search WHERE doc @@ plainto_tsquery('simple', ${search}))`;
}
