import type { Session } from '../hail/session.js';
import type { Db } from './db.js';
import {
  type CountedRow,
  countRows,
  FILE_CHANGE_SQL,
  isFileChange,
  subtractCounts,
  touchesDistinct,
} from './event-counts.js';
import { type EventRow, STORED_TEXT_CHARS } from './event-row.js';
import { type PreparedAppend, type PreparedInsert, prepareAppend, prepareInsert } from './prepared-session.js';
import { costOf } from './prices.js';

/**
 * Writes sessions into the index. Callers wrap calls in one transaction per batch of
 * sources (style: batch inserts, never a transaction per row).
 */
interface OldRow {
  kind: string;
  task_id: string | null;
  path: string | null;
  input_tokens: number | null;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
}

function countedOf(r: OldRow): CountedRow {
  const { kind, task_id, path, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens } = r;
  const usage =
    input_tokens === null ? null : { model: '', input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens };
  return { kind, task_id, path, usage };
}

export class IndexWriter {
  private readonly insSession;
  private readonly insEvent;
  private readonly insUsage;
  private readonly insFts;
  private readonly delFtsOfSession;
  private readonly delFtsRow;
  private readonly delSession;
  private readonly sessionsOfSource;
  private readonly findEvent;
  private readonly delEvent;
  private readonly maxSeq;
  private readonly oldRow;
  private readonly taskBefore;
  private readonly changeBefore;
  private readonly addCounts;
  private readonly recountDistinct;
  private readonly addAppendStats;
  private readonly setCost;

  constructor(db: Db) {
    this.insSession = db.prepare(`INSERT INTO sessions (
      id, source_id, tool, provider, model, title, cwd, project, git_branch, git_repo, created_at, updated_at,
      event_count, message_count, user_message_count, tool_call_count, task_count, duration_seconds,
      files_changed, lines_added, lines_removed, input_tokens, output_tokens, cache_read_tokens,
      cache_creation_tokens, cost_usd, has_errors, archive_path, source_deleted
    ) VALUES (
      @id, @source_id, @tool, @provider, @model, @title, @cwd, @project, @git_branch, @git_repo, @created_at, @updated_at,
      @event_count, @message_count, @user_message_count, @tool_call_count, @task_count, @duration_seconds,
      @files_changed, @lines_added, @lines_removed, @input_tokens, @output_tokens, @cache_read_tokens,
      @cache_creation_tokens, @cost_usd, @has_errors, @archive_path, 0
    )`);
    this.insEvent = db.prepare(
      'INSERT INTO events (session_id, seq, event_id, ts, kind, tool_name, path, task_id, text) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    this.insUsage = db.prepare(
      `INSERT INTO usage (event_rowid, session_id, ts, model, input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens)
       VALUES (?,?,?,?,?,?,?,?)`,
    );
    this.insFts = db.prepare('INSERT INTO events_fts (rowid, text, tool_name, path) VALUES (?,?,?,?)');
    this.delFtsOfSession = db.prepare(
      'DELETE FROM events_fts WHERE rowid IN (SELECT id FROM events WHERE session_id = ?)',
    );
    this.delFtsRow = db.prepare('DELETE FROM events_fts WHERE rowid = ?');
    this.delSession = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.sessionsOfSource = db.prepare('SELECT id FROM sessions WHERE source_id = ?').pluck();
    this.findEvent = db.prepare('SELECT id FROM events WHERE session_id = ? AND event_id = ?').pluck();
    this.delEvent = db.prepare('DELETE FROM events WHERE id = ?');
    this.setCost = db.prepare('UPDATE sessions SET cost_usd = ? WHERE id = ?');
    this.maxSeq = db.prepare('SELECT COALESCE(MAX(seq), -1) FROM events WHERE session_id = ?').pluck();
    // Appends update the counters by their delta (O(new events)): distinct counts look up
    // earlier rows through partial indexes (migration 2) instead of re-scanning the session.
    this.oldRow = db.prepare(`SELECT e.kind, e.task_id, e.path, u.input_tokens, u.output_tokens,
      u.cache_read_tokens, u.cache_creation_tokens FROM events e LEFT JOIN usage u ON u.event_rowid = e.id WHERE e.id = ?`);
    this.taskBefore = db
      .prepare('SELECT 1 FROM events WHERE session_id = ? AND task_id = ? AND seq < ? LIMIT 1')
      .pluck();
    this.changeBefore = db
      .prepare(
        `SELECT 1 FROM events WHERE session_id = ? AND kind IN (${FILE_CHANGE_SQL}) AND path = ? AND seq < ? LIMIT 1`,
      )
      .pluck();
    this.addCounts = db.prepare(`UPDATE sessions SET
      event_count = event_count + @events, message_count = message_count + @messages,
      user_message_count = user_message_count + @userMessages, tool_call_count = tool_call_count + @toolCalls,
      input_tokens = input_tokens + @inputTokens, output_tokens = output_tokens + @outputTokens,
      cache_read_tokens = cache_read_tokens + @cacheReadTokens,
      cache_creation_tokens = cache_creation_tokens + @cacheCreationTokens,
      task_count = task_count + @newTasks, files_changed = files_changed + @newFiles
      WHERE id = @id`);
    this.recountDistinct = db.prepare(`UPDATE sessions SET
      task_count = (SELECT COUNT(DISTINCT task_id) FROM events WHERE session_id = @id AND task_id IS NOT NULL),
      files_changed = (SELECT COUNT(DISTINCT path) FROM events WHERE session_id = @id AND kind IN (${FILE_CHANGE_SQL}))
      WHERE id = @id`);
    this.addAppendStats = db.prepare(`UPDATE sessions SET
      updated_at = MAX(updated_at, @updated_at),
      duration_seconds = @duration_seconds,
      lines_added = lines_added + @lines_added,
      lines_removed = lines_removed + @lines_removed,
      cost_usd = cost_usd + @cost_usd,
      has_errors = MAX(has_errors, @has_errors),
      title = COALESCE(@title, title),
      source_deleted = 0
      WHERE id = @id`);
  }

  /** Removes every session (and its events, usage and FTS rows) that came from a source. */
  deleteSourceSessions(sourceId: number): void {
    for (const id of this.sessionsOfSource.all(sourceId) as string[]) this.deleteSession(id);
  }

  deleteSession(id: string): void {
    this.delFtsOfSession.run(id);
    this.delSession.run(id); // events and usage cascade
  }

  /** Inserts a whole session, replacing any earlier copy with the same id. */
  insertSession(session: Session, sourceId: number | null, archivePath: string | null): void {
    this.insertPrepared(prepareInsert(session), sourceId, archivePath);
  }

  insertPrepared(p: PreparedInsert, sourceId: number | null, archivePath: string | null): void {
    this.deleteSession(p.id);
    this.insSession.run({ ...p.row, source_id: sourceId, cost_usd: 0, archive_path: archivePath });
    const cost = this.insertEvents(p.id, p.events, 0);
    if (cost) this.setCost.run(cost, p.id);
  }

  /**
   * Adds events read from the end of an append-only source. An event whose id is already
   * stored replaces it (Gemini JSONL updates records in place with `$set`).
   */
  appendEvents(s: Session): void {
    this.appendPrepared(prepareAppend(s));
  }

  appendPrepared(p: PreparedAppend): void {
    const { id, events: rows } = p;
    if (rows.length === 0) return;
    const removed = this.removeReplaced(id, rows);
    const firstSeq = (this.maxSeq.get(id) as number) + 1;
    const cost = this.insertEvents(id, rows, firstSeq);
    const recount = touchesDistinct(removed);
    this.addCounts.run({
      id,
      ...subtractCounts(countRows(rows), countRows(removed)),
      newTasks: recount ? 0 : this.newTasks(id, rows, firstSeq),
      newFiles: recount ? 0 : this.newFiles(id, rows, firstSeq),
    });
    if (recount) this.recountDistinct.run({ id });
    this.addAppendStats.run({ id, ...p.facts, cost_usd: cost });
  }

  /** Deletes the stored versions of events sent again; returns what they counted for. */
  private removeReplaced(sessionId: string, rows: readonly EventRow[]): CountedRow[] {
    const removed: CountedRow[] = [];
    for (const e of rows) {
      const old = this.findEvent.get(sessionId, e.event_id) as number | undefined;
      if (old === undefined) continue;
      removed.push(countedOf(this.oldRow.get(old) as OldRow));
      this.delFtsRow.run(old);
      this.delEvent.run(old);
    }
    return removed;
  }

  private newTasks(sessionId: string, rows: readonly CountedRow[], firstSeq: number): number {
    const ids = new Set(rows.map((r) => r.task_id).filter((t): t is string => t !== null));
    return [...ids].filter((t) => this.taskBefore.get(sessionId, t, firstSeq) === undefined).length;
  }

  private newFiles(sessionId: string, rows: readonly CountedRow[], firstSeq: number): number {
    const paths = new Set(rows.filter(isFileChange).map((r) => r.path as string));
    return [...paths].filter((p) => this.changeBefore.get(sessionId, p, firstSeq) === undefined).length;
  }

  /** Inserts event, usage and FTS rows; returns the estimated cost of their tokens. */
  private insertEvents(sessionId: string, rows: readonly EventRow[], firstSeq: number): number {
    let cost = 0;
    let seq = firstSeq;
    for (const r of rows) {
      const stored = r.text.length > STORED_TEXT_CHARS ? r.text.slice(0, STORED_TEXT_CHARS) : r.text;
      const { lastInsertRowid } = this.insEvent.run(
        sessionId,
        seq++,
        r.event_id,
        r.ts,
        r.kind,
        r.tool_name,
        r.path,
        r.task_id,
        stored,
      );
      if (r.text || r.tool_name || r.path) this.insFts.run(lastInsertRowid, r.text, r.tool_name ?? '', r.path ?? '');
      if (r.usage) {
        const u = r.usage;
        this.insUsage.run(
          lastInsertRowid,
          sessionId,
          r.ts,
          u.model,
          u.input_tokens,
          u.output_tokens,
          u.cache_read_tokens,
          u.cache_creation_tokens,
        );
        cost += costOf(u.model, u);
      }
    }
    return cost;
  }
}
