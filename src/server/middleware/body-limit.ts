import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http-error.js';

const tooLargeError = (max: number) => new ApiError(413, 'payload_too_large', `request body exceeds ${max} bytes`);

export function isBodyTooLarge(e: unknown): boolean {
  const err = e as { status?: number; cause?: unknown } | undefined;
  return (err instanceof ApiError && err.status === 413) || (!!err?.cause && isBodyTooLarge(err.cause));
}

function countingStream(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(tooLargeError(max));
        else controller.enqueue(chunk);
      },
    }),
  );
}

export interface BodyLimitOptions {
  /** The limit for a request, by method and path. */
  maxBytesFor: (method: string, path: string) => number;
}

/**
 * Refuses bodies over the route's limit: at once when Content-Length says so, otherwise while the
 * body streams (chunked uploads), without buffering it.
 */
export function bodyLimit(opts: BodyLimitOptions): MiddlewareHandler {
  return async function bodyLimit(c, next) {
    // GET and HEAD never carry a body; asking the request for one would build a full copy of it.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const raw = c.req.raw;
    if (!raw.body) return next();
    const max = opts.maxBytesFor(c.req.method, c.req.path);
    const declared = Number(raw.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > max) throw tooLargeError(max);
    c.req.raw = new Request(raw, {
      body: countingStream(raw.body, max),
      // Node's fetch needs this for a streamed request body.
      duplex: 'half',
    } as RequestInit);
    return next();
  };
}
