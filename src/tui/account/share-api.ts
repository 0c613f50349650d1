import { ApiClient } from '../../client/api-client.js';
import { ApiError, ConnectionError } from '../../client/errors.js';
import { NO_RETRY } from '../../client/retry.js';
import type { PrivacySettings } from '../../daemon/prepare-upload.js';
import type { UploadPlan } from '../../daemon/upload-one.js';
import type { Session } from '../../hail/session.js';
import type { Db } from '../../store/db.js';
import { CONFIGURE_HINT, type ServerAccount } from './team-api.js';

export type { UploadPlan };
export type SendablePlan = Extract<UploadPlan, { prepared: Session }>;

/** Where uploads go: the account's server, and the team of `account config --team-id` if any. */
export interface ShareTarget {
  url: string;
  teamId?: string;
}

/** Uploading the open session: planned first (what the user confirms), then sent. */
export interface ShareServices {
  target: ShareTarget;
  /** What would be sent, through the same privacy pipeline as `publish upload` and the daemon. */
  plan(session: Session): Promise<UploadPlan>;
  /** Sends it and records it in the local upload queue; resolves to the session's page on the server. */
  upload(plan: SendablePlan): Promise<{ page: string; created: boolean }>;
}

/** Uploads are possible, or why not (shown when the key is pressed). */
export type Sharing = { ok: true; services: ShareServices } | { ok: false; reason: string };

export const NO_SERVER: Sharing = { ok: false, reason: `no server configured: run \`${CONFIGURE_HINT}\`` };

export interface ShareSetup {
  /** Undefined when no server is configured. */
  account?: ServerAccount & { teamId?: string };
  /** daemon.toml's [privacy] plus the tools `account config` excludes. */
  privacy: PrivacySettings;
  /** The home directory stripped from paths. */
  home: string;
  /** The local index, whose upload queue records what was sent. */
  db: Db;
}

/** The web UI's page of a session (web/src/lib/routes.ts), on the server the client talks to. */
export const sessionPage = (serverUrl: string, id: string): string =>
  `${serverUrl.replace(/\/+$/, '')}/session/${encodeURIComponent(id)}`;

export function httpSharing(o: ShareSetup): Sharing {
  const a = o.account;
  if (!a) return NO_SERVER;
  if (!a.apiKey)
    return { ok: false, reason: 'no API key configured: run `opensession account config --api-key osk_…`' };
  // No retries: the user is watching, and can press the key again.
  const client = new ApiClient({ baseUrl: a.url, apiKey: a.apiKey, retry: NO_RETRY, timeoutMs: 15_000 });
  // Loaded on first use: redaction and the queue are not needed to paint the list.
  const pipeline = () => import('../../daemon/upload-one.js');
  return {
    ok: true,
    services: {
      target: { url: a.url, teamId: a.teamId },
      plan: async (session) => (await pipeline()).planUpload(session, o.privacy, o.home),
      upload: async (plan) => {
        const [{ sendPlanned }, { UploadQueue }] = await Promise.all([
          pipeline(),
          import('../../daemon/upload-queue.js'),
        ]);
        const res = await sendPlanned(client, new UploadQueue(o.db, a.url), plan, a.teamId);
        // The server's own link is built on its configured base URL, which a server left on the
        // default names as localhost: the address this client reached it at is the one that works here.
        return { page: sessionPage(a.url, res.id), created: res.created };
      },
    },
  };
}

/** A failed upload in one line that says what to do about it. */
export function uploadErrorText(err: unknown): string {
  if (err instanceof ConnectionError) return `cannot reach the server: ${err.message}`;
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  switch (err.status) {
    case 401:
      return `the server refused the API key (${err.message}): set another with \`opensession account config --api-key\``;
    case 403:
      return `not allowed: ${err.message}`;
    case 413:
      return `the session is larger than the server accepts (${err.message})`;
    default:
      return `server error ${err.status}: ${err.message}`;
  }
}
