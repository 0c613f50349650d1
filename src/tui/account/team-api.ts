import type { z } from 'zod';
import { ErrorBodySchema, OkResponseSchema } from '../../api/errors.js';
import { SessionListResponseSchema, type SessionSummary } from '../../api/sessions.js';
import {
  AcceptInvitationResponseSchema,
  type InvitationSchema,
  InvitationsResponseSchema,
  TeamListResponseSchema,
} from '../../api/teams.js';
import { ApiError, connectionError } from '../../client/errors.js';

/** The server account of `opensession account config`, read by the CLI and passed in. */
export interface ServerAccount {
  url: string;
  apiKey?: string;
}

export type TeamItem = z.infer<typeof TeamListResponseSchema>['teams'][number];
export type Invitation = z.infer<typeof InvitationSchema>;
export type { SessionSummary };

/** What the Teams screen reads from and does on the server. */
export interface TeamServices {
  teams(): Promise<TeamItem[]>;
  teamSessions(teamId: string): Promise<SessionSummary[]>;
  invitations(): Promise<Invitation[]>;
  accept(invitationId: string): Promise<void>;
  decline(invitationId: string): Promise<void>;
}

const TIMEOUT_MS = 15_000;

// ApiClient covers what the daemon and publish need; these few team calls are the screen's own,
// validated with the same src/api schemas. No retries: the user is watching and can press r.
async function call<T>(a: ServerAccount, method: string, path: string, schema: z.ZodType<T>): Promise<T> {
  const url = `${a.url.replace(/\/+$/, '')}${path}`;
  if (!a.apiKey) throw new ApiError(401, 'no_credentials', 'no API key configured');
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${a.apiKey}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw connectionError(err, url);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = ErrorBodySchema.safeParse(body);
    throw new ApiError(
      res.status,
      e.success ? e.data.error.code : `http_${res.status}`,
      e.success ? e.data.error.message : `${res.status} ${res.statusText}`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'invalid_response', `${path} answered an unexpected shape`);
  return parsed.data;
}

export function httpTeamServices(a: ServerAccount): TeamServices {
  return {
    teams: async () => (await call(a, 'GET', '/api/teams', TeamListResponseSchema)).teams,
    teamSessions: async (id) =>
      (await call(a, 'GET', `/api/sessions?team_id=${encodeURIComponent(id)}&per_page=100`, SessionListResponseSchema))
        .sessions,
    invitations: async () => (await call(a, 'GET', '/api/invitations', InvitationsResponseSchema)).invitations,
    accept: async (id) => {
      await call(a, 'POST', `/api/invitations/${encodeURIComponent(id)}/accept`, AcceptInvitationResponseSchema);
    },
    decline: async (id) => {
      await call(a, 'POST', `/api/invitations/${encodeURIComponent(id)}/decline`, OkResponseSchema);
    },
  };
}
