import type { z } from 'zod';
import { ErrorBodySchema } from '../../../src/api/errors.js';

/** A failed API call: the server's `{error:{code,message}}`, or a network/protocol problem (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where requests get their bearer token; set once by the auth module. */
export interface Credentials {
  /** The access token to send (renewed first when about to expire), if signed in. */
  token(): Promise<string | undefined>;
  /** After a 401 on a request that carried a token: true when a retry may now succeed. */
  renew(): Promise<boolean>;
}

let credentials: Credentials = { token: async () => undefined, renew: async () => false };

export function setCredentials(c: Credentials): void {
  credentials = c;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `path?k=v…`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The error a non-2xx response stands for, with the server's message when it sent one. */
export async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) return new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
  return new ApiError(res.status, 'http_error', `the server answered ${res.status} ${res.statusText}`.trim());
}

async function send(path: string, opts: RequestOptions, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  try {
    return await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
}

/** A request with the current credentials, renewed and retried once on a 401. Throws ApiError unless 2xx. */
export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const token = await credentials.token();
  let res = await send(path, opts, token);
  if (res.status === 401 && token && (await credentials.renew()))
    res = await send(path, opts, await credentials.token());
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** A JSON call whose answer is checked against the API contract. */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  opts: RequestOptions = {},
): Promise<z.output<S>> {
  const res = await apiFetch(path, opts);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(0, 'invalid_response', `${path}: the server did not answer with JSON`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      0,
      'invalid_response',
      `${path}: unexpected answer (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/** A call whose answer has no body worth checking (204s, `{ok:true}`). */
export async function apiVoid(path: string, opts: RequestOptions = {}): Promise<void> {
  await apiFetch(path, opts);
}

/** A readable sentence for any error thrown by a call. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return 'Too many attempts. Wait a minute and try again.';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
