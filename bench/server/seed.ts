/**
 * Seeds a server database with many sessions of one user through the server's own layers: a few
 * through the real upload path (storeSession), the rest as rows built the same way and
 * bulk-inserted, after checking that a built row equals the row an upload stored.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { UploadOptions } from '../../src/api/sessions.js';
import { toHailJsonl } from '../../src/hail/jsonl-write.js';
import type { Session } from '../../src/hail/session.js';
import { apiKeyPrefix, newApiKey, sha256 } from '../../src/server/auth/secrets.js';
import { GZIP_LEVEL } from '../../src/server/blobs/gzip.js';
import type { ServerConfig } from '../../src/server/config.js';
import type { AppDeps, Viewer } from '../../src/server/context.js';
import type { DB, Dialect } from '../../src/server/db/schema.js';
import { pgSearchDocument, type SearchDocument, writeSearchDocument } from '../../src/server/db/session-search.js';
import { findOwnSession, type SessionRow } from '../../src/server/db/sessions.js';
import { insertTeam } from '../../src/server/db/teams.js';
import { insertUser } from '../../src/server/db/users.js';
import { createDeps } from '../../src/server/deps.js';
import { createLogger } from '../../src/server/logger.js';
import { sessionMetadata } from '../../src/server/services/session-metadata.js';
import { storeSession } from '../../src/server/services/session-store.js';
import { seedTemplate, seedVariant } from './sessions.js';

export interface SeedInfo {
  sessions: number;
  userId: string;
  apiKey: string;
  teamId: string;
  seconds: number;
}

/** Every TEAM_EVERY-th session is shared with the team (the rest are private). */
const TEAM_EVERY = 10;
const BATCH = 500;
/** Batches written at once: PostgreSQL overlaps their round trips; SQLite runs them in turn. */
const LANES = 4;

const sharingOf = (i: number, teamId: string): Pick<UploadOptions, 'team_id' | 'visibility'> =>
  i % TEAM_EVERY === TEAM_EVERY - 1 ? { team_id: teamId, visibility: 'team' } : { team_id: undefined };

async function createOwner(deps: AppDeps): Promise<{ viewer: Viewer; apiKey: string; teamId: string }> {
  const apiKey = newApiKey();
  const now = new Date('2026-01-01T00:00:00.000Z').toISOString();
  const user = await insertUser(deps.database, {
    id: randomUUID(),
    nickname: 'bench',
    api_key_hash: sha256(apiKey),
    api_key_prefix: apiKeyPrefix(apiKey),
    created_at: now,
  });
  const teamId = randomUUID();
  await insertTeam(deps.database.db, {
    id: teamId,
    name: 'bench team',
    description: null,
    is_public: 0,
    created_by: user.id,
    created_at: now,
  });
  return { viewer: { id: user.id, nickname: user.nickname, isAdmin: user.is_admin === 1 }, apiKey, teamId };
}

/** The row an upload of `s` stores, derived from `base` (an uploaded row of the same template). */
function rowFor(base: SessionRow, s: Session, i: number, teamId: string, body: { key: string; size: number }) {
  const meta = sessionMetadata(s);
  const sharing = sharingOf(i, teamId);
  const row: SessionRow = {
    ...base,
    id: randomUUID(),
    session_id: s.session_id,
    team_id: sharing.team_id ?? null,
    visibility: sharing.visibility ?? 'private',
    tool: s.agent.tool,
    agent_provider: s.agent.provider,
    agent_model: s.agent.model,
    title: meta.title,
    description: meta.description,
    created_at: s.context.created_at,
    updated_at: s.context.updated_at,
    uploaded_at: new Date(Date.parse(s.context.updated_at) + 60_000).toISOString(),
    body_storage_key: body.key,
    body_size: body.size,
  };
  return { row, search: meta.search };
}

/**
 * The body as the server stores it: gzip (at GZIP_LEVEL) of the HAIL JSONL; one-shot
 * gzip gives the same bytes as the server's stream without its per-stream set-up cost.
 */
const gzipBody = (s: Session) => gzipSync(toHailJsonl(s), { level: GZIP_LEVEL });

interface Built {
  row: SessionRow;
  search: SearchDocument;
  body: Buffer;
}

/** Fields that legitimately differ between two uploads of the same session. */
const VOLATILE = ['id', 'sync_seq', 'uploaded_at', 'body_storage_key'] as const;
const stable = (r: SessionRow) => {
  const copy: Partial<SessionRow> = { ...r };
  for (const k of VOLATILE) delete copy[k];
  return copy;
};

/** Uploads variants through storeSession and checks rowFor builds the same rows. */
async function uploadSamples(deps: AppDeps, owner: Awaited<ReturnType<typeof createOwner>>, template: Session) {
  const stored = new Map<number, SessionRow>();
  for (const i of [0, 1, TEAM_EVERY - 1]) {
    const s = seedVariant(template, i);
    await storeSession(deps, owner.viewer, s, sharingOf(i, owner.teamId));
    const row = await findOwnSession(deps.database.db, owner.viewer.id, s.session_id);
    if (!row) throw new Error(`seeding: the uploaded sample ${s.session_id} was not stored`);
    stored.set(i, row);
  }
  const base = stored.get(0) as SessionRow;
  for (const [i, real] of stored) {
    const s = seedVariant(template, i);
    const built = rowFor(base, s, i, owner.teamId, { key: 'x', size: gzipBody(s).length }).row;
    if (!isDeepStrictEqual(stable(built), stable(real))) {
      const diff = Object.keys(real).filter(
        (k) => !isDeepStrictEqual(built[k as keyof SessionRow], real[k as keyof SessionRow]),
      );
      throw new Error(`seeding: built rows no longer match uploaded ones (fields: ${diff.join(', ')})`);
    }
  }
  return {
    base,
    done: new Set(stored.keys()),
    maxSeq: Math.max(...[...stored.values()].map((r) => Number(r.sync_seq))),
  };
}

/**
 * Bodies first, then rows and search documents in one transaction (the order storeSession keeps).
 * Bodies kept in the database go in one statement: the same rows the db blob store writes.
 */
async function insertBatch(deps: AppDeps, items: Built[]): Promise<void> {
  const { database } = deps;
  const inDb = deps.config.blobStore === 'db';
  if (!inDb) await Promise.all(items.map((x) => deps.blobs.put(x.row.body_storage_key as string, x.body)));
  await database.db.transaction().execute(async (trx) => {
    if (inDb)
      await trx
        .insertInto('session_bodies')
        .values(items.map((x) => ({ key: x.row.body_storage_key as string, data: x.body })))
        .execute();
    await trx
      .insertInto('sessions')
      .values(items.map((x) => x.row))
      .execute();
    await insertSearchDocuments(trx, database.dialect, items);
  });
}

/** writeSearchDocument for new sessions; on PostgreSQL one statement for the batch (round trips dominate there). */
async function insertSearchDocuments(trx: Kysely<DB>, dialect: Dialect, items: Built[]): Promise<void> {
  if (dialect === 'sqlite') {
    for (const x of items) await writeSearchDocument(trx, dialect, x.row.id, x.search);
    return;
  }
  const values = items.map((x) => sql`(${x.row.id}, ${pgSearchDocument(x.search)})`);
  await sql`INSERT INTO session_search (session_pk, doc) VALUES ${sql.join(values)}`.execute(trx);
}

/** Runs `work` on every item, `lanes` at a time. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** Seeds `count` sessions of one new user (with one team) into the database `config` points at. */
export async function seedDatabase(config: ServerConfig, count: number): Promise<SeedInfo> {
  const started = performance.now();
  const deps = await createDeps(config, { log: createLogger('silent') });
  try {
    const template = await seedTemplate();
    const owner = await createOwner(deps);
    const { base, done, maxSeq } = await uploadSamples(deps, owner, template);
    const todo = Array.from({ length: count }, (_, i) => i).filter((i) => !done.has(i));
    const batches: number[][] = [];
    for (let k = 0; k < todo.length; k += BATCH) batches.push(todo.slice(k, k + BATCH));
    await inLanes(batches, LANES, async (batch) => {
      const items = batch.map((i): Built => {
        const s = seedVariant(template, i);
        const body = gzipBody(s);
        const { row, search } = rowFor(base, s, i, owner.teamId, { key: randomUUID(), size: body.length });
        return { row: { ...row, sync_seq: maxSeq + 1 + i }, search, body };
      });
      await insertBatch(deps, items);
    });
    return {
      sessions: count,
      userId: owner.viewer.id,
      apiKey: owner.apiKey,
      teamId: owner.teamId,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await deps.database.close();
  }
}
