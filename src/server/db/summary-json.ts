import { type RawBuilder, sql } from 'kysely';
import { type SessionSummary, SessionSummarySchema } from '../../api/sessions.js';
import type { Dialect } from './schema.js';

/**
 * A session's SessionSummary as JSON text, built by the database: a list page is then sent as
 * the strings it returns, instead of rows -> objects -> JSON.stringify (a third of the CPU of a
 * session-list request). The bytes are those of JSON.stringify(toSummary(row, nickname)):
 * same key order (the API schema's), compact, absent optional fields dropped by
 * `dropAbsentFields`.
 */
type Key = keyof SessionSummary;

const KEYS = Object.keys(SessionSummarySchema.shape) as Key[];
const OPTIONAL = KEYS.filter((k) => SessionSummarySchema.shape[k].isOptional());

// Built once as plain SQL text: as Kysely expressions the 33 columns cost more to compile on
// every request than the JSON saves. Every name here comes from the API schema, none from input.
const col = (table: string, name: string) => `"${table}"."${name}"`;

function columnOf(key: Key, dialect: Dialect): string {
  if (key === 'nickname')
    return `(select ${col('users', 'nickname')} from "users" where ${col('users', 'id')} = ${col('sessions', 'user_id')})`;
  // Stored as 0/1; the API says true/false.
  if (key === 'has_errors')
    return dialect === 'postgres'
      ? `${col('sessions', 'has_errors')} = 1`
      : `json(case when ${col('sessions', 'has_errors')} = 1 then 'true' else 'false' end)`;
  return col('sessions', key);
}

function summarySql(dialect: Dialect): string {
  // row_to_json writes compact JSON (json_build_object puts spaces around ':' and ',').
  if (dialect === 'postgres')
    return `(select row_to_json(x)::text from (select ${KEYS.map((k) => `${columnOf(k, dialect)} as "${k}"`).join(', ')}) x)`;
  return `json_object(${KEYS.map((k) => `'${k}', ${columnOf(k, dialect)}`).join(', ')})`;
}

const SUMMARY_SQL: Record<Dialect, string> = { sqlite: summarySql('sqlite'), postgres: summarySql('postgres') };

/** The SessionSummary of each `sessions` row as JSON text, absent optional fields as null. */
export const summaryJson = (dialect: Dialect): RawBuilder<string> => sql.raw<string>(SUMMARY_SQL[dialect]);

// An optional field is never the first ("id" is), so it always follows a comma. A '"' before
// the key is a real quote: inside JSON strings every '"' is escaped.
const ABSENT = new RegExp(`,"(?:${OPTIONAL.join('|')})":null(?=[,}])`, 'g');

/** Drops the optional fields that are null, as toSummary leaves them out (JSON text of summaries). */
export const dropAbsentFields = (json: string): string => json.replace(ABSENT, '');
