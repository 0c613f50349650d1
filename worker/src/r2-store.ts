import { assertBlobKey, type BlobStore } from '../../src/server/blobs/blob-store.js';
import type { R2Bucket } from './bindings.js';

/** Session bodies as R2 objects, under the same key layout as the disk store's file names. */
export function createR2BlobStore(bucket: R2Bucket): BlobStore {
  const objectKey = (key: string) => {
    assertBlobKey(key);
    return `bodies/${key.slice(0, 2)}/${key}.hail.jsonl.gz`;
  };
  return {
    async put(key, data) {
      await bucket.put(objectKey(key), data);
    },
    async get(key) {
      const object = await bucket.get(objectKey(key));
      return object ? Buffer.from(await object.arrayBuffer()) : undefined;
    },
    async delete(key) {
      await bucket.delete(objectKey(key));
    },
  };
}
