import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export { MIN_SECRET_BYTES } from '../config-env.js';

const FILE_NAME = 'jwt-secret';

/**
 * Returns the secret kept in `<dataDir>/jwt-secret`, creating it (0600) on first start so a
 * restart keeps sessions valid. `wx` makes two processes racing on first start agree on one file.
 */
export function ensureJwtSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = path.join(dataDir, FILE_NAME);
  mkdirSync(dataDir, { recursive: true });
  let created = false;
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Tighten a file someone loosened: it signs every token of the instance.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return { secret: readFileSync(file, 'utf8').trim(), file, created };
}
