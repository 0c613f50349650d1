import { z } from 'zod';
import { type Session, StatsSchema } from '../hail/session.js';

/**
 * The `.meta.json` kept beside each stored HAIL file, so listing a repository's sessions reads
 * a few hundred bytes per session instead of every transcript. Derived only from the session,
 * never from the clock: storing the same session twice yields the same blob (idempotence).
 */
export const StoredMetaSchema = z.object({
  session_id: z.string(),
  title: z.string().nullable(),
  tool: z.string(),
  model: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  stats: StatsSchema,
});

export type StoredMeta = z.infer<typeof StoredMetaSchema>;

export function storedMetaOf(session: Session): StoredMeta {
  return {
    session_id: session.session_id,
    title: session.context.title ?? null,
    tool: session.agent.tool,
    model: session.agent.model,
    created_at: session.context.created_at,
    updated_at: session.context.updated_at,
    stats: session.stats,
  };
}

/** The meta file's bytes: stable key order, one trailing newline. */
export const storedMetaJson = (meta: StoredMeta): string => `${JSON.stringify(meta, null, 2)}\n`;
