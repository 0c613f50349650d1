import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'osk_';
export const INVITE_KEY_PREFIX = 'ostk_';

/** SHA-256 hex. Enough for 256-bit random secrets (no dictionary to guess from), and indexable. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export const newApiKey = (): string => API_KEY_PREFIX + randomBytes(32).toString('hex');
export const newInviteKey = (): string => INVITE_KEY_PREFIX + randomBytes(32).toString('hex');
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/** What /auth/me may show of a key: enough to recognise it, useless to an attacker. */
export const apiKeyPrefix = (key: string): string => key.slice(0, API_KEY_PREFIX.length + 6);
