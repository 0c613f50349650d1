import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Database, Dialect } from './schema.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before (and outside) the typed schema
type AnyDb = Kysely<any>;

const text = 'text' as const;
const int = 'integer' as const;

async function createUsersAndTeams(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('nickname', text, (c) => c.notNull().unique())
    .addColumn('email', text, (c) => c.unique())
    .addColumn('password_hash', text)
    .addColumn('api_key_hash', text, (c) => c.unique())
    .addColumn('api_key_prefix', text)
    .addColumn('avatar_url', text)
    .addColumn('is_admin', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('teams')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('is_public', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('joined_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();
}

async function createSessions(db: AnyDb): Promise<void> {
  let t = db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', text, (c) => c.notNull())
    .addColumn('team_id', text, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('visibility', text, (c) => c.notNull())
    .addColumn('sync_seq', 'bigint', (c) => c.notNull().unique());
  for (const col of ['tool', 'created_at', 'updated_at', 'uploaded_at']) t = t.addColumn(col, text, (c) => c.notNull());
  for (const col of ['agent_provider', 'agent_model', 'title', 'description', 'tags', 'body_storage_key', 'body_url'])
    t = t.addColumn(col, text);
  for (const col of ['message_count', 'user_message_count', 'task_count', 'event_count', 'tool_call_count'])
    t = t.addColumn(col, int, (c) => c.notNull().defaultTo(0));
  for (const col of ['duration_seconds', 'total_input_tokens', 'total_output_tokens', 'body_size'])
    t = t.addColumn(col, 'bigint', (c) => c.notNull().defaultTo(0));
  for (const col of ['git_remote', 'git_branch', 'git_commit', 'git_repo_name', 'pr_url', 'working_directory'])
    t = t.addColumn(col, text);
  t = t
    .addColumn('pr_number', 'bigint')
    .addColumn('files_modified', text)
    .addColumn('files_read', text)
    .addColumn('has_errors', int, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('sessions_owner_session_id', ['user_id', 'session_id']);
  await t.execute();
  for (const col of ['team_id', 'created_at', 'tool', 'agent_model'])
    await db.schema.createIndex(`sessions_${col}`).on('sessions').column(col).execute();

  await db.schema
    .createTable('session_links')
    .addColumn('session_id', text, (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('linked_session_id', text, (c) => c.notNull())
    .addColumn('link_type', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('session_links_pk', ['session_id', 'linked_session_id', 'link_type'])
    .execute();
}

async function createAuthTables(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('family_id', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('refresh_tokens_family').on('refresh_tokens').column('family_id').execute();
  await db.schema
    .createTable('oauth_identities')
    .addColumn('provider', text, (c) => c.notNull())
    .addColumn('provider_user_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider_username', text)
    .addColumn('email', text)
    .addColumn('avatar_url', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_identities_pk', ['provider', 'provider_user_id'])
    .addUniqueConstraint('oauth_identities_user_provider', ['user_id', 'provider'])
    .execute();
  await db.schema
    .createTable('oauth_states')
    .addColumn('state', text, (c) => c.primaryKey())
    .addColumn('provider', text, (c) => c.notNull())
    .addColumn('code_verifier', text, (c) => c.notNull())
    .addColumn('nonce', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('expires_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', text, (c) => c.notNull())
    .addColumn('window_start', text, (c) => c.notNull())
    .addColumn('hits', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();
}

async function createInvitations(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('team_invitations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('email', text)
    .addColumn('oauth_provider', text)
    .addColumn('oauth_provider_username', text)
    .addColumn('invited_by', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('team_invite_keys')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('key_hash', text, (c) => c.notNull().unique())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_by', text)
    .addColumn('used_at', text)
    .addColumn('revoked_at', text)
    .execute();
}

async function createBodiesAndSearch(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('session_bodies')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE sessions_fts USING fts5(
      session_pk UNINDEXED, title, description, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    return;
  }
  await sql`CREATE TABLE session_search (
      session_pk text PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
      doc tsvector NOT NULL)`.execute(db);
  await sql`CREATE INDEX session_search_doc ON session_search USING gin (doc)`.execute(db);
}

/**
 * FTS5 cannot index `session_pk` (UNINDEXED), so deleting a session's document by it scanned the
 * whole table on every upload. Each document's rowid is now kept here, so writes go by rowid.
 */
async function keySearchDocuments(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return; // session_search is keyed by session_pk already
  await sql`CREATE TABLE sessions_fts_keys (
      fts_rowid INTEGER PRIMARY KEY,
      session_pk TEXT NOT NULL UNIQUE)`.execute(db);
  await sql`INSERT OR IGNORE INTO sessions_fts_keys (fts_rowid, session_pk)
      SELECT rowid, session_pk FROM sessions_fts`.execute(db);
}

/**
 * Lists sort by (created_at, id): with both in one index the newest page is read in order,
 * instead of sorting every run of equal created_at by id. It supersedes the created_at index.
 */
async function indexListOrder(db: AnyDb): Promise<void> {
  await db.schema.createIndex('sessions_created_at_id').on('sessions').columns(['created_at', 'id']).execute();
  await db.schema.dropIndex('sessions_created_at').execute();
}

/** The tables the server's caches derive from (list pages, totals, API-key owners): see notifyWrites. */
export const WRITE_NOTIFY_TABLES = ['users', 'teams', 'team_members', 'sessions', 'session_links', 'session_search'];
/** The channel, function and trigger name of notifyWrites. */
export const WRITES_CHANNEL = 'opensession_writes';

/**
 * PostgreSQL: every statement that changes one of WRITE_NOTIFY_TABLES sends a notification on
 * WRITES_CHANNEL, delivered when (and only if) its transaction commits, to every instance
 * listening (src/server/db/pg-write-version.ts): that is how a cache on one instance learns of
 * writes made through another. Triggers catch every writer, whatever code it runs.
 */
async function notifyWrites(db: AnyDb): Promise<void> {
  await sql
    .raw(`CREATE FUNCTION ${WRITES_CHANNEL}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${WRITES_CHANNEL}', ''); RETURN NULL; END $$`)
    .execute(db);
  for (const table of WRITE_NOTIFY_TABLES)
    await sql
      .raw(`CREATE TRIGGER ${WRITES_CHANNEL} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION ${WRITES_CHANNEL}()`)
      .execute(db);
}

/** Every schema migration by name, in order; the Worker's D1 migrations are generated from the SQLite ones. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  // Only PostgreSQL has this one: SQLite sees every commit through PRAGMA data_version.
  const postgresOnly: Record<string, Migration> =
    dialect === 'postgres' ? { '0004_write_notify': { up: notifyWrites } } : {};
  return {
    '0001_initial': {
      async up(db) {
        await createUsersAndTeams(db);
        await createSessions(db);
        await createAuthTables(db);
        await createInvitations(db);
        await createBodiesAndSearch(db, dialect);
      },
    },
    '0002_search_keys': { up: (db) => keySearchDocuments(db, dialect) },
    '0003_list_order': { up: indexListOrder },
    ...postgresOnly,
  };
}

/** Brings the schema to the latest version; safe to call from several processes at once (Kysely locks). */
export async function migrateToLatest(database: Database): Promise<void> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${(error as Error).message ?? error}`);
  }
}
