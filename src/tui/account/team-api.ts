import type { z } from 'zod';
import type { SessionSummary } from '../../api/sessions.js';
import type { InvitationSchema, TeamListResponseSchema } from '../../api/teams.js';
import { ApiClient } from '../../client/api-client.js';
import { NO_RETRY } from '../../client/retry.js';

/** The server account of `opensession account config`, read by the CLI and passed in. */
export interface ServerAccount {
  url: string;
  apiKey?: string;
}

/** How to set up the account the Teams screen and uploads need. */
export const CONFIGURE_HINT = 'opensession account config --server URL --api-key osk_…';

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

// No retries: the user is watching and can press r.
export function httpTeamServices(a: ServerAccount): TeamServices {
  const client = new ApiClient({ baseUrl: a.url, apiKey: a.apiKey, retry: NO_RETRY, timeoutMs: 15_000 });
  return {
    teams: async () => (await client.teams()).teams,
    teamSessions: async (id) => (await client.teamSessions(id)).sessions,
    invitations: async () => (await client.invitations()).invitations,
    accept: (id) => client.answerInvitation(id, true),
    decline: (id) => client.answerInvitation(id, false),
  };
}
