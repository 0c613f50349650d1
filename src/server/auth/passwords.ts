import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// 128 * N * r bytes must fit in maxmem; leave headroom.
const optsFor = (N: number): ScryptOptions => ({ N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 });

/** `scrypt$N$r$p$salt$hash` (base64url): parameters travel with the hash so the cost can be raised later. */
export async function hashPassword(password: string, N: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, optsFor(N));
  return ['scrypt', N, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    ...optsFor(Number(n)),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash to compare against when the user does not exist, so timing does not reveal which emails exist. */
let dummy: Promise<string> | undefined;
export function dummyPasswordHash(N: number): Promise<string> {
  dummy ??= hashPassword('dummy-password-for-timing', N);
  return dummy;
}
