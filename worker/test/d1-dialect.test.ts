import { type Generated, sql } from 'kysely';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/server/db/errors.js';
import type { D1Database } from '../src/bindings.js';
import { TX_VERSION_DDL } from '../src/d1/connection.js';
import { D1Dialect, D1Kysely } from '../src/d1/dialect.js';
import { D1ConflictError } from '../src/d1/errors.js';

// The dialect against real D1 (workerd, through miniflare's binding proxy). Two D1Kysely instances
// over one database stand for two isolates: each has its own lock, as separate isolates do.

interface Tables {
  items: { id: Generated<number>; name: string; note: string | null; data: Uint8Array | null };
}

let mf: Miniflare;
let d1: D1Database;
const open = (maxParameters?: number) =>
  new D1Kysely<Tables>({ dialect: new D1Dialect({ database: d1, maxParameters }) });

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response("") }',
    compatibilityDate: '2026-07-01',
    d1Databases: ['DB'],
  });
  d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  await d1.batch(
    [
      'CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL UNIQUE, note text, data blob)',
      ...TX_VERSION_DDL,
    ].map((s) => d1.prepare(s)),
  );
});
afterAll(async () => mf?.dispose());
beforeEach(async () => {
  await open().deleteFrom('items').execute();
});

const names = async () => (await open().selectFrom('items').select('name').orderBy('id').execute()).map((r) => r.name);

describe('D1 dialect', () => {
  it('runs queries with affected-row counts and insert ids', async () => {
    const db = open();
    const ins = await db.insertInto('items').values({ id: 7, name: 'a' }).executeTakeFirst();
    expect(ins.insertId).toBe(7n);
    expect(ins.numInsertedOrUpdatedRows).toBe(1n);
    const upd = await db.updateTable('items').set({ note: 'n' }).where('id', '>', 0).executeTakeFirst();
    expect(upd.numUpdatedRows).toBe(1n);
    const ret = await db.insertInto('items').values({ name: 'b' }).returning(['id', 'name']).executeTakeFirst();
    expect(ret).toEqual({ id: 8, name: 'b' });
    expect(await db.selectFrom('items').select(['name', 'note']).orderBy('id').execute()).toEqual([
      { name: 'a', note: 'n' },
      { name: 'b', note: null },
    ]);
  });

  it('reports unique violations the way the server recognises them', async () => {
    const db = open();
    await db.insertInto('items').values({ name: 'dup' }).execute();
    const err = await db
      .insertInto('items')
      .values({ name: 'dup' })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect((err as Error).message).toContain('UNIQUE constraint failed: items.name');
  });

  it('commits a transaction all at once, or nothing of it', async () => {
    const db = open();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'one' }).execute();
      await trx.insertInto('items').values({ name: 'two' }).execute();
    });
    expect(await names()).toEqual(['one', 'two']);
    const failed = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'three' }).execute();
      await trx.insertInto('items').values({ name: 'one' }).execute();
    });
    await expect(failed).rejects.toSatisfy(isUniqueViolation);
    const thrown = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'four' }).execute();
      throw new Error('changed my mind');
    });
    await expect(thrown).rejects.toThrow('changed my mind');
    expect(await names()).toEqual(['one', 'two']);
  });

  it('runs a transaction again when another isolate committed after it read', async () => {
    const [a, b] = [open(), open()];
    const nextName = async (trx: typeof a) => {
      const row = await trx
        .selectFrom('items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return `item-${Number(row.n) + 1}`;
    };
    let bDone!: () => void;
    const bCommitted = new Promise<void>((resolve) => {
      bDone = resolve;
    });
    let runsOfA = 0;
    const txA = a.transaction().execute(async (trx) => {
      runsOfA++;
      const name = await nextName(trx);
      await bCommitted; // b commits between a's read and a's commit
      await trx.insertInto('items').values({ name }).execute();
    });
    await b.transaction().execute(async (trx) => {
      await trx
        .insertInto('items')
        .values({ name: await nextName(trx) })
        .execute();
    });
    bDone();
    await txA;
    expect(runsOfA).toBe(2);
    expect(await names()).toEqual(['item-1', 'item-2']);
  });

  it('gives up with D1ConflictError when conflicts never stop', async () => {
    const [a, b] = [open(), open()];
    const tx = a.transaction().execute(async (trx) => {
      await trx.selectFrom('items').selectAll().execute();
      await b
        .insertInto('items')
        .values({ name: `racer-${Math.random()}` })
        .execute();
      await b.transaction().execute(async (t2) => {
        await t2.deleteFrom('items').where('name', '=', 'nothing').execute();
      });
      await trx
        .insertInto('items')
        .values({ name: `loser-${Math.random()}` })
        .execute();
    });
    await expect(tx).rejects.toBeInstanceOf(D1ConflictError);
    expect((await names()).filter((n) => n.startsWith('loser'))).toEqual([]);
  });

  it('refuses what a batch cannot do: reading own writes, RETURNING inside a transaction', async () => {
    const db = open();
    const readAfterWrite = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'x' }).execute();
      return trx.selectFrom('items').selectAll().execute();
    });
    await expect(readAfterWrite).rejects.toThrow('cannot read after writing');
    const returning = db
      .transaction()
      .execute((trx) => trx.insertInto('items').values({ name: 'y' }).returning('id').execute());
    await expect(returning).rejects.toThrow('RETURNING inside a transaction');
    const rawReturning = db
      .transaction()
      .execute((trx) => sql`INSERT INTO items (name) VALUES ('z') RETURNING id`.execute(trx));
    await expect(rawReturning).rejects.toThrow('RETURNING inside a transaction');
    expect(await names()).toEqual([]);
  });

  it('inlines parameters past the limit, faithfully', async () => {
    const db = open(2);
    const tricky = ["it's", 'what?', 'nul\u0000byte', '🧪 "quoted" -- not a comment', 'plain'];
    await db
      .insertInto('items')
      .values(tricky.map((name, i) => ({ name, note: i % 2 ? null : `n${i}`, data: new Uint8Array([i, 0, 255]) })))
      .execute();
    const rows = await db
      .selectFrom('items')
      .select(['name', 'note', sql<string>`hex(data)`.as('hex')])
      .where('name', 'in', tricky)
      .orderBy('id')
      .execute();
    expect(rows).toEqual(tricky.map((name, i) => ({ name, note: i % 2 ? null : `n${i}`, hex: `0${i}00FF` })));
  });
});
