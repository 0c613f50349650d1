import { isErrorEvent } from '../hail/extract.js';
import type { HailEvent, Session } from '../hail/session.js';
import { recomputeStats, secondsBetween } from '../hail/stats.js';
import type { Db } from './db.js';
import { type EventRow, eventRow, STORED_TEXT_CHARS } from './event-row.js';
import { costOf } from './prices.js';
import { sessionRow } from './session-row.js';

/**
 * Writes sessions into the index. Callers wrap calls in one transaction per batch of
 * sources (style: batch inserts, never a transaction per row).
 */
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
  private readonly refreshAggregates;
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
    // Counts that de-duplicate or depend on all events are recomputed in SQL after an
    // append (O(session) in SQLite, no re-parse); additive ones are added in code.
    this.refreshAggregates = db.prepare(`UPDATE sessions SET
      event_count = (SELECT COUNT(*) FROM events WHERE session_id = @id),
      message_count = (SELECT COUNT(*) FROM events WHERE session_id = @id AND kind IN ('UserMessage','AgentMessage')),
      user_message_count = (SELECT COUNT(*) FROM events WHERE session_id = @id AND kind = 'UserMessage'),
      tool_call_count = (SELECT COUNT(*) FROM events WHERE session_id = @id
        AND kind IN ('ToolCall','FileRead','CodeSearch','FileSearch')),
      task_count = (SELECT COUNT(DISTINCT task_id) FROM events WHERE session_id = @id AND task_id IS NOT NULL),
      files_changed = (SELECT COUNT(DISTINCT path) FROM events WHERE session_id = @id
        AND kind IN ('FileEdit','FileCreate','FileDelete')),
      input_tokens = (SELECT COALESCE(SUM(input_tokens),0) FROM usage WHERE session_id = @id),
      output_tokens = (SELECT COALESCE(SUM(output_tokens),0) FROM usage WHERE session_id = @id),
      cache_read_tokens = (SELECT COALESCE(SUM(cache_read_tokens),0) FROM usage WHERE session_id = @id),
      cache_creation_tokens = (SELECT COALESCE(SUM(cache_creation_tokens),0) FROM usage WHERE session_id = @id)
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
    this.deleteSession(session.session_id);
    const row = sessionRow(session);
    this.insSession.run({ ...row, source_id: sourceId, cost_usd: 0, archive_path: archivePath });
    const cost = this.insertEvents(session.session_id, session.agent.model, session.events, 0);
    if (cost) this.setCost.run(cost, session.session_id);
  }

  /**
   * Adds events read from the end of an append-only source. An event whose id is already
   * stored replaces it (Gemini JSONL updates records in place with `$set`).
   */
  appendEvents(s: Session): void {
    const { session_id: sessionId, events } = s;
    if (events.length === 0) return;
    for (const e of events) {
      const old = this.findEvent.get(sessionId, e.event_id) as number | undefined;
      if (old !== undefined) {
        this.delFtsRow.run(old);
        this.delEvent.run(old);
      }
    }
    const seq = (this.maxSeq.get(sessionId) as number) + 1;
    const cost = this.insertEvents(sessionId, s.agent.model, events, seq);
    const st = recomputeStats(events);
    const last = events[events.length - 1] as HailEvent;
    this.addAppendStats.run({
      id: sessionId,
      updated_at: last.timestamp,
      duration_seconds: secondsBetween(s.context.created_at, last.timestamp),
      lines_added: st.lines_added,
      lines_removed: st.lines_removed,
      cost_usd: cost,
      has_errors: events.some(isErrorEvent) ? 1 : 0,
      // A title line (Claude's ai-title, summary) often comes late: a later read may know better.
      title: s.context.title ?? null,
    });
    this.refreshAggregates.run({ id: sessionId });
  }

  /** Inserts event, usage and FTS rows; returns the estimated cost of their tokens. */
  private insertEvents(sessionId: string, model: string, events: readonly HailEvent[], firstSeq: number): number {
    let cost = 0;
    let seq = firstSeq;
    for (const e of events) {
      const r: EventRow = eventRow(e, model);
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
