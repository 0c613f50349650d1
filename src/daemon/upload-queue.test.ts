import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openIndex } from '../store/db.js';
import { sessionSignature, UploadQueue } from './upload-queue.js';

const remote = { id: 'srv-1', url: 'http://s/session/srv-1' };

describe('UploadQueue', () => {
  let db: Db;
  let q: UploadQueue;
  beforeEach(() => {
    db = openIndex(':memory:');
    q = new UploadQueue(db, 'http://s');
  });
  afterEach(() => db.close());

  it('signs a version by what changes when a session grows or is renamed', () => {
    const v = { event_count: 3, updated_at: '2026-01-01T00:00:00Z', title: 't', model: 'm' };
    expect(sessionSignature(v)).toBe(sessionSignature({ ...v }));
    expect(sessionSignature({ ...v, event_count: 4 })).not.toBe(sessionSignature(v));
    expect(sessionSignature({ ...v, title: 'u' })).not.toBe(sessionSignature(v));
  });

  it('hands out versions once due, and forgets them once sent', () => {
    expect(q.enqueue('a', 'v1', 1000)).toBe(true);
    expect(q.due(999, 10)).toEqual([]);
    expect(q.due(1000, 10).map((i) => i.session_id)).toEqual(['a']);
    q.markSent('a', 'v1', remote, 5);
    expect(q.due(5000, 10)).toEqual([]);
    expect(q.stats()).toMatchObject({ pending: 0, sent: 1 });
    expect(q.sentSig('a')).toBe('v1');
  });

  it('does not queue again a version the server already has', () => {
    q.enqueue('a', 'v1', 0);
    q.markSent('a', 'v1', remote, 5);
    expect(q.enqueue('a', 'v1', 0)).toBe(false);
    expect(q.enqueue('a', 'v2', 0)).toBe(true);
  });

  it('keeps a newer version queued while an older one was in flight', () => {
    q.enqueue('a', 'v1', 0);
    const [item] = q.due(0, 1);
    q.enqueue('a', 'v2', 0); // the session changed during the upload
    q.markSent('a', item!.want_sig, remote, 5);
    expect(q.due(0, 10).map((i) => i.want_sig)).toEqual(['v2']);
  });

  it('keeps the retry schedule when the same version is queued again', () => {
    q.enqueue('a', 'v1', 0);
    q.retryLater('a', 'v1', 'connection refused', 60_000);
    expect(q.enqueue('a', 'v1', 0)).toBe(false);
    expect(q.due(59_999, 10)).toEqual([]);
    expect(q.stats()).toMatchObject({ pending: 1, retrying: 1, lastError: 'connection refused' });
    expect(q.retryAllNow(1000)).toBe(1);
    expect(q.due(1000, 10)).toHaveLength(1);
  });

  it('parks a refused version until the session changes', () => {
    q.enqueue('a', 'v1', 0);
    q.markFailed('a', 'v1', 'invalid session');
    expect(q.due(0, 10)).toEqual([]);
    expect(q.enqueue('a', 'v1', 0)).toBe(false);
    expect(q.stats()).toMatchObject({ pending: 0, failed: 1 });
    expect(q.enqueue('a', 'v2', 0)).toBe(true);
  });

  it('counts live generations so a stream never clears events that came in meanwhile', () => {
    q.enqueue('a', 'v1', 10_000, true);
    q.markSent('a', 'v0', remote, 3); // an older full upload: the live flag stays
    const [item] = q.liveItems(10);
    expect(item).toMatchObject({ live: 1, streamed: 3 });
    q.enqueue('a', 'v2', 10_000, true); // more events while streaming
    q.markStreamed('a', 7, item!.live);
    expect(q.liveItems(10)).toMatchObject([{ live: 2, streamed: 7 }]);
    q.markStreamed('a', 9, 2);
    expect(q.liveItems(10)).toEqual([]);
  });

  it('keeps queues of different servers apart', () => {
    const other = new UploadQueue(db, 'http://other');
    q.enqueue('a', 'v1', 0);
    expect(other.due(0, 10)).toEqual([]);
    expect(other.sentSig('a')).toBeUndefined();
  });
});
