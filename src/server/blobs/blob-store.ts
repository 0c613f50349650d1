/** Where session bodies live. Stores opaque (already gzipped) bytes under a key. */
export interface BlobStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** Keys become file names: refuse anything that could leave the store's directory. */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid blob key "${key}"`);
}
