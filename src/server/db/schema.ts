import type { Kysely } from 'kysely';

// Timestamps are ISO-8601 UTC strings with milliseconds (Date#toISOString): they sort as text
// identically on both dialects, and the clock is injected, so tests control them.
// Booleans are 0/1 integers for the same reason.

export interface UsersTable {
  id: string;
  nickname: string;
  email: string | null;
  password_hash: string | null;
  api_key_hash: string | null;
  api_key_prefix: string | null;
  avatar_url: string | null;
  is_admin: number;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  description: string | null;
  is_public: number;
  created_by: string;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  role: 'admin' | 'member';
  joined_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  session_id: string;
  team_id: string | null;
  visibility: 'private' | 'team' | 'public';
  /** Commit order for sync: assigned under a lock, bumped on every change. */
  sync_seq: number;
  tool: string;
  agent_provider: string | null;
  agent_model: string | null;
  title: string | null;
  description: string | null;
  tags: string | null;
  created_at: string;
  updated_at: string;
  uploaded_at: string;
  message_count: number;
  user_message_count: number;
  task_count: number;
  event_count: number;
  tool_call_count: number;
  duration_seconds: number;
  total_input_tokens: number;
  total_output_tokens: number;
  body_storage_key: string | null;
  body_size: number;
  body_url: string | null;
  git_remote: string | null;
  git_branch: string | null;
  git_commit: string | null;
  git_repo_name: string | null;
  pr_number: number | null;
  pr_url: string | null;
  working_directory: string | null;
  files_modified: string | null;
  files_read: string | null;
  has_errors: number;
}

export interface SessionLinksTable {
  session_id: string;
  linked_session_id: string;
  link_type: string;
  created_at: string;
}

export interface SessionBodiesTable {
  key: string;
  data: Uint8Array;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  /** All tokens descended from one login; reuse of a rotated token revokes the family. */
  family_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface OAuthIdentitiesTable {
  provider: string;
  provider_user_id: string;
  user_id: string;
  provider_username: string | null;
  email: string | null;
  avatar_url: string | null;
  created_at: string;
}

export interface OAuthStatesTable {
  state: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  user_id: string | null;
  expires_at: string;
}

export interface TeamInvitationsTable {
  id: string;
  team_id: string;
  email: string | null;
  oauth_provider: string | null;
  oauth_provider_username: string | null;
  invited_by: string;
  role: 'admin' | 'member';
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  created_at: string;
  expires_at: string;
}

export interface TeamInviteKeysTable {
  id: string;
  team_id: string;
  key_hash: string;
  role: 'admin' | 'member';
  created_by: string;
  created_at: string;
  expires_at: string;
  used_by: string | null;
  used_at: string | null;
  revoked_at: string | null;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: string;
  hits: number;
}

export interface DB {
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  session_links: SessionLinksTable;
  session_bodies: SessionBodiesTable;
  refresh_tokens: RefreshTokensTable;
  oauth_identities: OAuthIdentitiesTable;
  oauth_states: OAuthStatesTable;
  team_invitations: TeamInvitationsTable;
  team_invite_keys: TeamInviteKeysTable;
  rate_limits: RateLimitsTable;
}

export type Dialect = 'sqlite' | 'postgres';

/**
 * The query layer: one Kysely instance plus the dialect, for the few statements that differ.
 * Transactions must also suit D1 (worker/), which runs a transaction's writes as one batch at
 * commit: read first, then write, and never feed a write's result (RETURNING) to a later statement.
 */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
  /**
   * A value that changes whenever committed data may have changed, by this connection or any
   * other (SQLite: the connection's total_changes() plus PRAGMA data_version, exact). PostgreSQL:
   * a counter moved by this process's writes and by the notifications other connections' commits
   * send (src/server/db/pg-write-version.ts: writes elsewhere show after the notification's
   * delay, and only to the tables in WRITE_NOTIFY_TABLES, which a new cache must keep complete);
   * undefined until watchWrites listens, or while it cannot. Absent or undefined: cache nothing.
   */
  dataVersion?: () => string | undefined;
  /** Starts following writes for dataVersion (PostgreSQL), once the schema is migrated. */
  watchWrites?: (report: (message: string, error: Error) => void) => Promise<void>;
}
