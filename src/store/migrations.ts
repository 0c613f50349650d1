import { quarterKeySql } from './quarter-key.js';

/**
 * Schema of the local index, as ordered migrations. The index is a cache of the tools'
 * files plus the archive; a migration that fails leaves the DB to be rebuilt (see db.ts).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    tool          TEXT NOT NULL,
    size          INTEGER NOT NULL DEFAULT 0,
    mtime_ms      REAL NOT NULL DEFAULT 0,
    parts_sig     TEXT NOT NULL DEFAULT '',
    byte_offset   INTEGER,
    -- sha1 of the bytes just before byte_offset: proves a grown file was appended to,
    -- not rewritten (a rewrite that grows would otherwise look like an append).
    tail_sig      TEXT,
    resume        TEXT,
    status        TEXT NOT NULL DEFAULT 'ok',
    warning_count INTEGER NOT NULL DEFAULT 0,
    warnings      TEXT,
    indexed_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE sessions (
    id                    TEXT PRIMARY KEY,
    source_id             INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    tool                  TEXT NOT NULL,
    provider              TEXT NOT NULL,
    model                 TEXT NOT NULL,
    title                 TEXT,
    cwd                   TEXT,
    project               TEXT,
    git_branch            TEXT,
    git_repo              TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    event_count           INTEGER NOT NULL DEFAULT 0,
    message_count         INTEGER NOT NULL DEFAULT 0,
    user_message_count    INTEGER NOT NULL DEFAULT 0,
    tool_call_count       INTEGER NOT NULL DEFAULT 0,
    task_count            INTEGER NOT NULL DEFAULT 0,
    duration_seconds      INTEGER NOT NULL DEFAULT 0,
    files_changed         INTEGER NOT NULL DEFAULT 0,
    lines_added           INTEGER NOT NULL DEFAULT 0,
    lines_removed         INTEGER NOT NULL DEFAULT 0,
    input_tokens          INTEGER NOT NULL DEFAULT 0,
    output_tokens         INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens     INTEGER NOT NULL DEFAULT 0,
    cache_creation_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd              REAL NOT NULL DEFAULT 0,
    has_errors            INTEGER NOT NULL DEFAULT 0,
    archive_path          TEXT,
    source_deleted        INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX sessions_created ON sessions(created_at DESC);
  CREATE INDEX sessions_tool ON sessions(tool, created_at DESC);
  CREATE INDEX sessions_source ON sessions(source_id);

  -- One row per event; text is cut short (the archive keeps the whole event).
  CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    event_id   TEXT NOT NULL,
    ts         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    tool_name  TEXT,
    path       TEXT,
    task_id    TEXT,
    text       TEXT NOT NULL DEFAULT '',
    UNIQUE (session_id, seq)
  );
  CREATE INDEX events_session_event ON events(session_id, event_id);

  -- Token usage per event, so daily/model reports follow when tokens were spent.
  CREATE TABLE usage (
    event_rowid           INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    session_id            TEXT NOT NULL,
    ts                    TEXT NOT NULL,
    model                 TEXT NOT NULL,
    input_tokens          INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cache_creation_tokens INTEGER NOT NULL
  );
  CREATE INDEX usage_ts ON usage(ts);
  CREATE INDEX usage_session ON usage(session_id);

  -- Contentless: the text lives in events/archive; rowid = events.id. contentless_delete
  -- lets a re-indexed session drop its old rows.
  CREATE VIRTUAL TABLE events_fts USING fts5(
    text, tool_name, path,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  `,
  // 2: appends keep the distinct counts (subagent lanes, files changed) up to date by an
  // indexed look-up instead of re-scanning the whole session.
  `
  CREATE INDEX events_session_task ON events(session_id, task_id) WHERE task_id IS NOT NULL;
  CREATE INDEX events_session_changed ON events(session_id, path)
    WHERE kind IN ('FileEdit', 'FileCreate', 'FileDelete');
  `,
  // 3: git hooks: commits made while a session ran (its AI-Session trailer). No foreign key: a
  // link outlives a re-index or a deleted source, as the commit does.
  `
  CREATE TABLE commit_session_links (
    repo_root  TEXT NOT NULL,
    commit_sha TEXT NOT NULL,
    session_id TEXT NOT NULL,
    linked_at  TEXT NOT NULL,
    PRIMARY KEY (commit_sha, session_id)
  );
  CREATE INDEX commit_session_links_session ON commit_session_links(session_id);
  `,
  // 4: the fingerprints a warm index run reads for every source, as a covering index: the
  // scan skips the rows' resume state and warnings.
  `
  CREATE INDEX sources_fingerprint ON sources(path, tool, size, mtime_ms, parts_sig, deleted);
  `,
  // 5: publishing (src/daemon). One row per session and server: the version waiting to go
  // (want_sig, due at due_at), the version the server has (sent_sig), a version it refused
  // for good (failed_sig), and how many events a live stream has sent. Rows survive a kill:
  // a restarted daemon resumes, and re-sending is harmless (the server updates in place).
  `
  CREATE TABLE uploads (
    server      TEXT NOT NULL,
    session_id  TEXT NOT NULL,
    want_sig    TEXT,
    due_at      INTEGER NOT NULL DEFAULT 0,
    live        INTEGER NOT NULL DEFAULT 0,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    sent_sig    TEXT,
    failed_sig  TEXT,
    streamed    INTEGER NOT NULL DEFAULT 0,
    remote_id   TEXT,
    remote_url  TEXT,
    queued_at   TEXT,
    sent_at     TEXT,
    PRIMARY KEY (server, session_id)
  );
  CREATE INDEX uploads_due ON uploads(server, due_at) WHERE want_sig IS NOT NULL;
  CREATE INDEX uploads_live ON uploads(server) WHERE live = 1;
  CREATE INDEX sources_indexed_at ON sources(indexed_at);

  CREATE TABLE daemon_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- Team sessions pulled from /api/sync/pull: summaries, not bodies.
  CREATE TABLE remote_sessions (
    server      TEXT NOT NULL,
    id          TEXT NOT NULL,
    session_id  TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    nickname    TEXT,
    team_id     TEXT,
    tool        TEXT NOT NULL,
    title       TEXT,
    created_at  TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    summary     TEXT NOT NULL,
    PRIMARY KEY (server, id)
  );
  CREATE INDEX remote_sessions_created ON remote_sessions(created_at DESC);
  `,
  // 6: pulled sessions are imported whole into the index; this records which upload of each
  // one is in it, so a session re-uploaded on the server is fetched again.
  `
  ALTER TABLE remote_sessions ADD COLUMN imported_uploaded_at TEXT;
  ALTER TABLE remote_sessions ADD COLUMN import_error TEXT;
  `,
  // 7: token usage summed per session, UTC quarter hour and model, kept by triggers on every
  // path that adds or removes usage rows (insert, append, replace, cascade). Reports without a
  // time window read these ~10x fewer rows instead of one row per model call.
  `
  CREATE TABLE usage_rollup (
    session_id            TEXT NOT NULL,
    quarter               TEXT NOT NULL,
    model                 TEXT NOT NULL,
    calls                 INTEGER NOT NULL,
    input_tokens          INTEGER NOT NULL,
    output_tokens         INTEGER NOT NULL,
    cache_read_tokens     INTEGER NOT NULL,
    cache_creation_tokens INTEGER NOT NULL,
    PRIMARY KEY (session_id, quarter, model)
  ) WITHOUT ROWID;
  INSERT INTO usage_rollup
    SELECT session_id, ${quarterKeySql('ts')} AS q, model, COUNT(*), SUM(input_tokens), SUM(output_tokens),
           SUM(cache_read_tokens), SUM(cache_creation_tokens)
    FROM usage GROUP BY session_id, q, model;
  CREATE TRIGGER usage_rollup_add AFTER INSERT ON usage BEGIN
    INSERT INTO usage_rollup VALUES (new.session_id, ${quarterKeySql('new.ts')}, new.model, 1, new.input_tokens,
      new.output_tokens, new.cache_read_tokens, new.cache_creation_tokens)
    ON CONFLICT DO UPDATE SET calls = calls + 1, input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
      cache_creation_tokens = cache_creation_tokens + excluded.cache_creation_tokens;
  END;
  CREATE TRIGGER usage_rollup_remove AFTER DELETE ON usage BEGIN
    UPDATE usage_rollup SET calls = calls - 1, input_tokens = input_tokens - old.input_tokens,
      output_tokens = output_tokens - old.output_tokens, cache_read_tokens = cache_read_tokens - old.cache_read_tokens,
      cache_creation_tokens = cache_creation_tokens - old.cache_creation_tokens
    WHERE session_id = old.session_id AND quarter = ${quarterKeySql('old.ts')} AND model = old.model;
    DELETE FROM usage_rollup
    WHERE session_id = old.session_id AND quarter = ${quarterKeySql('old.ts')} AND model = old.model AND calls <= 0;
  END;
  `,
];
