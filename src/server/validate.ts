import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest, fail } from './http-error.js';
import { isBodyTooLarge } from './middleware/body-limit.js';

function describeIssue(err: z.ZodError): string {
  const i = err.issues[0];
  if (!i) return 'invalid input';
  return i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) return badRequest(describeIssue(r.error));
  return r.data;
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}

/** Reads a JSON body (a missing body counts as `{}`) and validates it. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let text: string;
  try {
    text = await c.req.text();
  } catch (e) {
    if (isBodyTooLarge(e)) throw e;
    return fail(400, 'invalid_body', 'could not read the request body');
  }
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      return fail(400, 'invalid_json', 'the body is not valid JSON');
    }
  }
  return parseWith(schema, value);
}
