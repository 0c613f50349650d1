import { z } from 'zod';
import { badRequest } from '../http-error.js';

/** Cursors are opaque to clients: base64url JSON, validated on the way back in. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
  try {
    const r = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (r.success) return r.data;
  } catch {
    // fall through: any undecodable cursor is the client's error
  }
  return badRequest('invalid cursor', 'invalid_cursor');
}

export const ListCursorSchema = z.object({
  s: z.enum(['recent', 'popular', 'longest']),
  k: z.union([z.string(), z.number()]),
  i: z.string(),
});
export const SyncCursorSchema = z.object({ q: z.number().int().nonnegative() });
