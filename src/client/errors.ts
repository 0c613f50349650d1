/**
 * What can go wrong talking to a server, as data the caller can branch on: `ConnectionError`
 * when no HTTP answer came back (with the reason), `ApiError` when one did but was not a 2xx
 * (or was not what the API promises).
 */
export type ConnectionReason = 'refused' | 'dns' | 'timeout' | 'tls' | 'reset' | 'other';

export class ConnectionError extends Error {
  constructor(
    readonly reason: ConnectionReason,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's `error.code`, or ours: `http_<status>`, `invalid_response`. */
    readonly code: string,
    message: string,
    /** Seconds the server asked us to wait (Retry-After), when it did. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CODE_REASONS: Record<string, ConnectionReason> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
};

const REASON_TEXT: Record<ConnectionReason, string> = {
  refused: 'connection refused (is the server running?)',
  dns: 'host not found',
  timeout: 'timed out',
  tls: 'TLS handshake failed',
  reset: 'connection closed by the server',
  other: 'request failed',
};

/** fetch rejects with a TypeError whose `cause` (often nested) carries the errno-like code. */
function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns a rejected fetch into a ConnectionError naming the reason. */
export function connectionError(err: unknown, url: string): ConnectionError {
  const name = (err as { name?: string } | undefined)?.name;
  const code = causeCode(err);
  let reason: ConnectionReason;
  if (name === 'TimeoutError' || name === 'AbortError') reason = 'timeout';
  else if (code && /^(ERR_TLS|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_SSL)/.test(code)) reason = 'tls';
  else reason = (code && CODE_REASONS[code]) || 'other';
  const detail = reason === 'other' && code ? ` (${code})` : '';
  return new ConnectionError(reason, url, `${new URL(url).origin}: ${REASON_TEXT[reason]}${detail}`);
}

/** Worth trying again later: the network, a server error, or the server asking us to slow down. */
export function isTransient(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  if (err instanceof ApiError) return err.status >= 500 || err.status === 429 || err.status === 408;
  return false;
}
