import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { statQuiet } from '../parsers/shared/discover-fs.js';
import type { Db } from './db.js';

export interface SourceRow {
  id: number;
  path: string;
  tool: string;
  size: number;
  mtime_ms: number;
  parts_sig: string;
  byte_offset: number | null;
  tail_sig: string | null;
  resume: string | null;
  status: string;
  deleted: number;
}

/** Size and mtime of every part file, hashed: a change to any subagent/part file shows. */
export async function partsSignature(parts: readonly string[] | undefined): Promise<string> {
  if (!parts?.length) return '';
  const h = createHash('sha1');
  for (const p of [...parts].sort()) {
    const st = statQuiet(p);
    h.update(`${p}\0${st ? `${st.size}:${st.mtimeMs}` : 'missing'}\n`);
  }
  return h.digest('hex');
}

const TAIL_BYTES = 4096;

/** Fingerprint of the (up to) 4 KiB before `offset`; null when the file cannot be read. */
export async function tailSignature(path: string, offset: number): Promise<string | null> {
  const start = Math.max(0, offset - TAIL_BYTES);
  const fh = await open(path, 'r').catch(() => undefined);
  if (!fh) return null;
  try {
    const buf = Buffer.alloc(offset - start);
    const { bytesRead } = await fh.read(buf, 0, buf.length, start);
    return createHash('sha1').update(buf.subarray(0, bytesRead)).digest('hex');
  } finally {
    await fh.close();
  }
}

/** A source's row as an index run records it. */
export type SourceSave = Omit<SourceRow, 'id' | 'deleted'> & { warning_count: number; warnings: string | null };

export type Fingerprint = Pick<SourceRow, 'id' | 'tool' | 'size' | 'mtime_ms' | 'parts_sig' | 'deleted'>;

export class SourceStore {
  private readonly byPath;
  private readonly upsert;
  private readonly markDeleted;
  private readonly all;

  constructor(db: Db) {
    this.byPath = db.prepare('SELECT * FROM sources WHERE path = ?');
    this.upsert = db.prepare(`INSERT INTO sources
      (path, tool, size, mtime_ms, parts_sig, byte_offset, tail_sig, resume, status, warning_count, warnings, indexed_at, deleted)
      VALUES (@path, @tool, @size, @mtime_ms, @parts_sig, @byte_offset, @tail_sig, @resume, @status, @warning_count, @warnings, @indexed_at, 0)
      ON CONFLICT(path) DO UPDATE SET tool = excluded.tool, size = excluded.size, mtime_ms = excluded.mtime_ms,
        parts_sig = excluded.parts_sig, byte_offset = excluded.byte_offset, tail_sig = excluded.tail_sig, resume = excluded.resume,
        status = excluded.status, warning_count = excluded.warning_count, warnings = excluded.warnings,
        indexed_at = excluded.indexed_at, deleted = 0
      RETURNING id`);
    this.all = db.prepare('SELECT id, path, tool, size, mtime_ms, parts_sig, deleted FROM sources');
    this.markDeleted = db.prepare('UPDATE sources SET deleted = 1 WHERE id = ?');
  }

  /**
   * What decides "unchanged" for every known source, in one query: a warm run over 10k files
   * then costs one read, not one (with its resume state) per file.
   */
  fingerprints(): Map<string, Fingerprint> {
    const rows = this.all.all() as (Fingerprint & { path: string })[];
    return new Map(rows.map((r) => [r.path, r]));
  }

  get(path: string): SourceRow | undefined {
    return this.byPath.get(path) as SourceRow | undefined;
  }

  save(row: SourceSave): number {
    const r = this.upsert.get({ ...row, indexed_at: new Date().toISOString() }) as { id: number };
    return r.id;
  }

  delete(id: number): void {
    this.markDeleted.run(id);
  }
}
