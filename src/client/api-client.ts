import { z } from 'zod';
import { VerifyResponseSchema } from '../api/auth.js';
import { ErrorBodySchema, OkResponseSchema } from '../api/errors.js';
import { type HealthResponse, HealthResponseSchema } from '../api/health.js';
import {
  SessionListResponseSchema,
  type StreamEventsRequest,
  StreamEventsResponseSchema,
  type UploadOptions,
  type UploadResponse,
  UploadResponseSchema,
} from '../api/sessions.js';
import { type SyncPullResponse, SyncPullResponseSchema } from '../api/sync.js';
import { AcceptInvitationResponseSchema, InvitationsResponseSchema, TeamListResponseSchema } from '../api/teams.js';
import type { Session } from '../hail/session.js';
import { ApiError, connectionError } from './errors.js';
import { jsonlBody } from './jsonl-body.js';
import { DEFAULT_RETRY, type RetryHooks, type RetryPolicy, withRetry } from './retry.js';

export interface ApiClientOptions {
  /** Server base URL, e.g. https://opensession.io (no trailing slash needed). */
  baseUrl: string;
  /** `osk_…` API key (or an access token); required by the authenticated calls. */
  apiKey?: string;
  retry?: RetryPolicy;
  retryHooks?: RetryHooks;
  /** Per-request timeout for small JSON calls. */
  timeoutMs?: number;
  /** Per-request timeout for session uploads (bodies can be large). */
  uploadTimeoutMs?: number;
  userAgent?: string;
  fetch?: typeof fetch;
}

export interface UploadResult extends UploadResponse {
  /** False when the server already had this session_id from us and updated it in place. */
  created: boolean;
}

export interface SyncPullParams {
  team_id?: string;
  cursor?: string;
  since?: string;
  limit?: number;
}

export interface Timed<T> {
  value: T;
  ms: number;
}

type RequestBody = string | ReadableStream<Uint8Array>;

interface RequestSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** A fresh body per attempt: a stream cannot be sent twice. */
  body?: () => RequestBody;
  contentType?: string;
  auth: boolean;
  schema: z.ZodType<T>;
  timeoutMs?: number;
  onTimed?: (ms: number) => void;
  onStatus?: (status: number) => void;
  /** The body is text (a HAIL file), not JSON. */
  text?: boolean;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function retryAfter(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

/** A non-2xx answer as an ApiError carrying the server's own code and message when it sent them. */
async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  let code = `http_${res.status}`;
  let message = `${res.status} ${res.statusText}`.trim();
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) ({ code, message } = parsed.data.error);
  } catch {
    // Not our JSON error shape (a proxy's HTML page, say): keep the status line.
  }
  return new ApiError(res.status, code, message, retryAfter(res));
}

/**
 * Typed HTTP client for an OpenSession server. Responses are validated with the shared
 * `src/api` schemas; transient failures are retried with exponential backoff and jitter.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly opts: ApiClientOptions;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = trimSlash(opts.baseUrl);
    this.opts = opts;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  get hasCredentials(): boolean {
    return Boolean(this.opts.apiKey);
  }

  /** GET /api/health, with the round-trip time of the answering attempt. */
  async health(): Promise<Timed<HealthResponse>> {
    let ms = 0;
    const value = await this.request({
      method: 'GET',
      path: '/api/health',
      auth: false,
      schema: HealthResponseSchema,
      onTimed: (t) => {
        ms = t;
      },
    });
    return { value, ms };
  }

  /** POST /api/auth/verify: who the credentials belong to. */
  verify(): Promise<z.infer<typeof VerifyResponseSchema>> {
    return this.request({ method: 'POST', path: '/api/auth/verify', auth: true, schema: VerifyResponseSchema });
  }

  /** POST /api/sessions as streamed HAIL JSONL; re-uploading the same session_id updates it. */
  async uploadSession(session: Session, options: Partial<UploadOptions> = {}): Promise<UploadResult> {
    let status = 0;
    const value = await this.request({
      method: 'POST',
      path: '/api/sessions',
      query: uploadQuery(options),
      body: () => jsonlBody(session),
      contentType: 'application/x-ndjson',
      auth: true,
      schema: UploadResponseSchema,
      timeoutMs: this.opts.uploadTimeoutMs ?? 300_000,
      onStatus: (s) => {
        status = s;
      },
    });
    return { ...value, created: status === 201 };
  }

  /** POST /api/sessions/{ref}/events: the server skips event ids it already has. */
  appendEvents(ref: string, req: StreamEventsRequest) {
    return this.request({
      method: 'POST',
      path: `/api/sessions/${encodeURIComponent(ref)}/events`,
      json: req,
      auth: true,
      schema: StreamEventsResponseSchema,
      timeoutMs: this.opts.uploadTimeoutMs ?? 300_000,
    });
  }

  /** GET /api/teams: the teams the caller belongs to. */
  teams(): Promise<z.infer<typeof TeamListResponseSchema>> {
    return this.request({ method: 'GET', path: '/api/teams', auth: true, schema: TeamListResponseSchema });
  }

  /** GET /api/sessions?team_id=…: a page of a team's sessions. */
  teamSessions(teamId: string, perPage = 100): Promise<z.infer<typeof SessionListResponseSchema>> {
    return this.request({
      method: 'GET',
      path: '/api/sessions',
      query: { team_id: teamId, per_page: perPage },
      auth: true,
      schema: SessionListResponseSchema,
    });
  }

  /** GET /api/invitations: invitations waiting for the caller. */
  invitations(): Promise<z.infer<typeof InvitationsResponseSchema>> {
    return this.request({ method: 'GET', path: '/api/invitations', auth: true, schema: InvitationsResponseSchema });
  }

  /** POST /api/invitations/{id}/accept or /decline. */
  async answerInvitation(id: string, accept: boolean): Promise<void> {
    const path = `/api/invitations/${encodeURIComponent(id)}/${accept ? 'accept' : 'decline'}`;
    const schema: z.ZodType<unknown> = accept ? AcceptInvitationResponseSchema : OkResponseSchema;
    await this.request({ method: 'POST', path, auth: true, schema });
  }

  /** GET /api/sessions/{id}/raw: the stored HAIL file, as text. */
  rawSession(id: string): Promise<string> {
    return this.request({
      method: 'GET',
      path: `/api/sessions/${encodeURIComponent(id)}/raw`,
      auth: true,
      schema: z.string(),
      text: true,
      timeoutMs: this.opts.uploadTimeoutMs ?? 300_000,
    });
  }

  /** GET /api/sync/pull: one page of the feed after `cursor`. */
  syncPull(params: SyncPullParams = {}): Promise<SyncPullResponse> {
    return this.request({
      method: 'GET',
      path: '/api/sync/pull',
      query: { ...params },
      auth: true,
      schema: SyncPullResponseSchema,
    });
  }

  private url(path: string, query?: Record<string, string | number | undefined>): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    return `${this.baseUrl}${path}${s ? `?${s}` : ''}`;
  }

  private request<T>(spec: RequestSpec<T>): Promise<T> {
    if (spec.auth && !this.opts.apiKey)
      return Promise.reject(new ApiError(401, 'no_credentials', 'no API key configured'));
    const attempt = () => this.once(spec);
    return withRetry(attempt, this.opts.retry ?? DEFAULT_RETRY, this.opts.retryHooks);
  }

  private async once<T>(spec: RequestSpec<T>): Promise<T> {
    const url = this.url(spec.path, spec.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.opts.userAgent) headers['user-agent'] = this.opts.userAgent;
    if (spec.auth && this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    let body: RequestBody | undefined;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.body) {
      headers['content-type'] = spec.contentType ?? 'application/octet-stream';
      body = spec.body();
    }
    const started = performance.now();
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        body,
        signal: AbortSignal.timeout(spec.timeoutMs ?? this.opts.timeoutMs ?? 30_000),
        // Streamed bodies need half-duplex in Node's fetch.
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (err) {
      throw connectionError(err, url);
    }
    if (!res.ok) throw await errorOf(res);
    let data: unknown;
    try {
      data = spec.text ? await res.text() : await res.json();
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') throw connectionError(err, url);
      throw new ApiError(
        res.status,
        'invalid_response',
        `${spec.path} did not answer JSON: not an OpenSession server?`,
      );
    }
    spec.onTimed?.(performance.now() - started);
    spec.onStatus?.(res.status);
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(
        res.status,
        'invalid_response',
        `${spec.path} answered an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message}): not an OpenSession server, or another version?`,
      );
    }
    return parsed.data;
  }
}

function uploadQuery(o: Partial<UploadOptions>): Record<string, string | number | undefined> {
  return {
    team_id: o.team_id,
    visibility: o.visibility,
    body_url: o.body_url,
    linked_session_ids: o.linked_session_ids?.length ? o.linked_session_ids.join(',') : undefined,
    git_remote: o.git_remote,
    git_branch: o.git_branch,
    git_commit: o.git_commit,
    git_repo_name: o.git_repo_name,
    pr_number: o.pr_number,
    pr_url: o.pr_url,
  };
}
