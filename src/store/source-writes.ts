import type { Db } from './db.js';
import type { PreparedSession } from './prepared-session.js';
import { type SourceSave, SourceStore } from './source-state.js';
import { IndexWriter } from './writer.js';

/**
 * Everything an index run writes for one source (or one slice of a big one), as plain data:
 * it is applied on this thread or posted to the writer thread (see write-queue.ts).
 */
export interface SourceWrite {
  source: SourceSave;
  /** A fresh read, not a resumed one: the source's earlier sessions are replaced. */
  replace: boolean;
  sessions: { session: PreparedSession; archivePath: string }[];
}

/** Applies source writes to one connection, a batch per transaction. */
export class SourceWriter {
  private readonly store: SourceStore;
  private readonly writer: IndexWriter;
  private readonly applyAll: (writes: readonly SourceWrite[]) => void;

  constructor(db: Db) {
    this.store = new SourceStore(db);
    this.writer = new IndexWriter(db);
    this.applyAll = db.transaction((writes: readonly SourceWrite[]) => {
      for (const w of writes) this.applyOne(w);
    });
  }

  apply(writes: readonly SourceWrite[]): void {
    if (writes.length) this.applyAll(writes);
  }

  private applyOne(w: SourceWrite): void {
    const sourceId = this.store.save(w.source);
    if (w.replace) this.writer.deleteSourceSessions(sourceId);
    for (const { session, archivePath } of w.sessions) {
      if (session.kind === 'append') this.writer.appendPrepared(session);
      else this.writer.insertPrepared(session, sourceId, archivePath);
    }
  }
}
