import type { Hono } from 'hono';
import type { AppEnv } from '../../src/server/context.js';

// Request helpers for API tests: through `app.request` in process, or fetch against any base URL
// (a test server, or the Cloudflare Worker under miniflare). No server code is imported here.

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

/** A request through `app.request` returning status and parsed body. */
export async function call(
  app: Hono<AppEnv>,
  method: string,
  path: string,
  opts: CallOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes
): Promise<{ status: number; body: any; res: Response }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  const media = (res.headers.get('content-type') ?? '').split(';')[0]?.trim();
  if (media === 'application/json' && text) parsed = JSON.parse(text);
  return { status: res.status, body: parsed, res };
}

/** fetch against a test server, returning status and parsed body. */
export async function http(
  base: string,
  method: string,
  path: string,
  opts: CallOptions = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes
): Promise<{ status: number; body: any; res: Response }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' } as RequestInit);
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, body: undefined, res };
  }
  const text = await res.text();
  const media = (res.headers.get('content-type') ?? '').split(';')[0]?.trim();
  return { status: res.status, body: media === 'application/json' && text ? JSON.parse(text) : text, res };
}
