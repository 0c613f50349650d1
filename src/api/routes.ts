import type { z } from 'zod';
import * as A from './auth.js';
import { OkResponseSchema } from './errors.js';
import { HealthResponseSchema } from './health.js';
import * as S from './sessions.js';
import { SyncPullQuerySchema, SyncPullResponseSchema } from './sync.js';
import * as T from './teams.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** none: anyone; optional: anyone, more with credentials; required: Bearer API key or access token. */
export type AuthNeed = 'none' | 'optional' | 'required';

export interface RouteSpec {
  method: Method;
  /** OpenAPI-style path, parameters in braces. */
  path: string;
  summary: string;
  auth: AuthNeed;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content types accepted besides application/json, e.g. the JSONL upload. */
  bodyTypes?: string[];
  response?: z.ZodType;
  /** For non-JSON responses. */
  responseType?: string;
  status?: number;
}

const r = (spec: RouteSpec): RouteSpec => spec;

/** Every endpoint of the HTTP API: the source of /docs, /docs/openapi.json and the route tests. */
export const ROUTES: readonly RouteSpec[] = [
  r({
    tag: 'health',
    method: 'GET',
    path: '/api/health',
    summary: 'Health check',
    auth: 'none',
    response: HealthResponseSchema,
  }),
  // auth
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/register',
    summary: 'Register with a nickname; returns an API key once',
    auth: 'none',
    body: A.RegisterRequestSchema,
    response: A.RegisterResponseSchema,
    status: 201,
  }),
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/auth/register',
    summary: 'Register with email and password',
    auth: 'none',
    body: A.AuthRegisterRequestSchema,
    response: A.TokenResponseSchema,
    status: 201,
  }),
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Log in with email and password',
    auth: 'none',
    body: A.LoginRequestSchema,
    response: A.TokenResponseSchema,
  }),
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/auth/refresh',
    summary: 'Rotate a refresh token',
    auth: 'none',
    body: A.RefreshRequestSchema,
    response: A.TokenResponseSchema,
  }),
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'Revoke a refresh token',
    auth: 'none',
    body: A.RefreshRequestSchema,
    response: OkResponseSchema,
  }),
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/auth/verify',
    summary: 'Check the credentials',
    auth: 'required',
    response: A.VerifyResponseSchema,
  }),
  r({
    tag: 'auth',
    method: 'GET',
    path: '/api/auth/me',
    summary: 'Current user',
    auth: 'required',
    response: A.MeResponseSchema,
  }),
  r({
    tag: 'auth',
    method: 'POST',
    path: '/api/auth/regenerate-key',
    summary: 'Replace the API key',
    auth: 'required',
    response: A.RegenerateKeyResponseSchema,
  }),
  r({
    tag: 'auth',
    method: 'PUT',
    path: '/api/auth/password',
    summary: 'Set or change the password',
    auth: 'required',
    body: A.ChangePasswordRequestSchema,
    response: OkResponseSchema,
  }),
  // oauth
  r({
    tag: 'oauth',
    method: 'GET',
    path: '/api/auth/providers',
    summary: 'Available login methods',
    auth: 'none',
    response: A.ProvidersResponseSchema,
  }),
  r({
    tag: 'oauth',
    method: 'GET',
    path: '/api/auth/oauth/{provider}',
    summary: 'Redirect to the provider (state + PKCE)',
    auth: 'none',
    status: 302,
  }),
  r({
    tag: 'oauth',
    method: 'GET',
    path: '/api/auth/oauth/{provider}/callback',
    summary: 'Provider callback; redirects with tokens in the fragment',
    auth: 'none',
    status: 302,
  }),
  r({
    tag: 'oauth',
    method: 'POST',
    path: '/api/auth/oauth/{provider}/link',
    summary: 'Start linking the provider to the current account',
    auth: 'required',
    response: A.OAuthLinkResponseSchema,
  }),
  // sessions
  r({
    tag: 'sessions',
    method: 'POST',
    path: '/api/sessions',
    summary: 'Upload a session (HAIL JSONL or UploadRequest JSON); 201 new, 200 updated',
    auth: 'required',
    body: S.UploadRequestSchema,
    bodyTypes: ['application/x-ndjson', 'application/jsonl'],
    query: S.UploadQuerySchema,
    response: S.UploadResponseSchema,
    status: 201,
  }),
  r({
    tag: 'sessions',
    method: 'GET',
    path: '/api/sessions',
    summary: 'List sessions visible to the caller',
    auth: 'optional',
    query: S.SessionListQuerySchema,
    response: S.SessionListResponseSchema,
  }),
  r({
    tag: 'sessions',
    method: 'GET',
    path: '/api/sessions/{id}',
    summary: 'Session detail',
    auth: 'optional',
    response: S.SessionDetailSchema,
  }),
  r({
    tag: 'sessions',
    method: 'DELETE',
    path: '/api/sessions/{id}',
    summary: 'Delete a session (owner, team admin or instance admin)',
    auth: 'required',
    response: OkResponseSchema,
  }),
  r({
    tag: 'sessions',
    method: 'GET',
    path: '/api/sessions/{id}/raw',
    summary: 'Download the HAIL JSONL file',
    auth: 'optional',
    responseType: 'application/jsonl',
  }),
  r({
    tag: 'sessions',
    method: 'POST',
    path: '/api/sessions/{id}/events',
    summary: 'Append events to a session being recorded',
    auth: 'required',
    body: S.StreamEventsRequestSchema,
    response: S.StreamEventsResponseSchema,
  }),
  r({
    tag: 'sessions',
    method: 'GET',
    path: '/api/sessions/{id}/stream',
    summary: 'Server-Sent Events: the events of a session, then new ones live',
    auth: 'optional',
    responseType: 'text/event-stream',
  }),
  // teams
  r({
    tag: 'teams',
    method: 'POST',
    path: '/api/teams',
    summary: 'Create a team (the creator becomes its admin)',
    auth: 'required',
    body: T.CreateTeamRequestSchema,
    response: T.TeamSchema,
    status: 201,
  }),
  r({
    tag: 'teams',
    method: 'GET',
    path: '/api/teams',
    summary: "The caller's teams",
    auth: 'required',
    response: T.TeamListResponseSchema,
  }),
  r({
    tag: 'teams',
    method: 'POST',
    path: '/api/teams/join-with-key',
    summary: 'Join a team with an invite key',
    auth: 'required',
    body: T.JoinWithKeyRequestSchema,
    response: T.JoinWithKeyResponseSchema,
  }),
  r({
    tag: 'teams',
    method: 'GET',
    path: '/api/teams/{id}',
    summary: 'Team detail and its latest sessions',
    auth: 'optional',
    response: T.TeamDetailSchema,
  }),
  r({
    tag: 'teams',
    method: 'PUT',
    path: '/api/teams/{id}',
    summary: 'Update a team (team admin)',
    auth: 'required',
    body: T.UpdateTeamRequestSchema,
    response: T.TeamSchema,
  }),
  r({
    tag: 'teams',
    method: 'GET',
    path: '/api/teams/{id}/stats',
    summary: 'Usage statistics over the sessions the caller may see',
    auth: 'optional',
    query: T.TeamStatsQuerySchema,
    response: T.TeamStatsSchema,
  }),
  r({
    tag: 'teams',
    method: 'GET',
    path: '/api/teams/{id}/members',
    summary: 'Members',
    auth: 'optional',
    response: T.MembersResponseSchema,
  }),
  r({
    tag: 'teams',
    method: 'POST',
    path: '/api/teams/{id}/members',
    summary: 'Add a member (team admin)',
    auth: 'required',
    body: T.AddMemberRequestSchema,
    response: T.MemberSchema,
    status: 201,
  }),
  r({
    tag: 'teams',
    method: 'DELETE',
    path: '/api/teams/{id}/members/{user_id}',
    summary: 'Remove a member (team admin, or yourself)',
    auth: 'required',
    status: 204,
  }),
  r({
    tag: 'teams',
    method: 'POST',
    path: '/api/teams/{id}/invite',
    summary: 'Invite by email or OAuth username (team admin)',
    auth: 'required',
    body: T.InviteRequestSchema,
    response: T.InvitationSchema,
    status: 201,
  }),
  r({
    tag: 'teams',
    method: 'GET',
    path: '/api/teams/{id}/invitations',
    summary: 'Pending invitations of a team (team admin)',
    auth: 'required',
    response: T.InvitationsResponseSchema,
  }),
  r({
    tag: 'teams',
    method: 'DELETE',
    path: '/api/teams/{id}/invitations/{invitation_id}',
    summary: 'Cancel an invitation (team admin)',
    auth: 'required',
    status: 204,
  }),
  r({
    tag: 'teams',
    method: 'POST',
    path: '/api/teams/{id}/keys',
    summary: 'Create a single-use invite key (team admin)',
    auth: 'required',
    body: T.CreateInviteKeyRequestSchema,
    response: T.InviteKeyCreatedSchema,
    status: 201,
  }),
  r({
    tag: 'teams',
    method: 'GET',
    path: '/api/teams/{id}/keys',
    summary: 'Invite keys of a team (team admin)',
    auth: 'required',
    response: T.InviteKeyListSchema,
  }),
  r({
    tag: 'teams',
    method: 'DELETE',
    path: '/api/teams/{id}/keys/{key_id}',
    summary: 'Revoke an unused invite key (team admin)',
    auth: 'required',
    status: 204,
  }),
  // invitations
  r({
    tag: 'invitations',
    method: 'GET',
    path: '/api/invitations',
    summary: 'Pending invitations addressed to the caller',
    auth: 'required',
    response: T.InvitationsResponseSchema,
  }),
  r({
    tag: 'invitations',
    method: 'POST',
    path: '/api/invitations/{id}/accept',
    summary: 'Accept an invitation',
    auth: 'required',
    response: T.AcceptInvitationResponseSchema,
  }),
  r({
    tag: 'invitations',
    method: 'POST',
    path: '/api/invitations/{id}/decline',
    summary: 'Decline an invitation',
    auth: 'required',
    response: OkResponseSchema,
  }),
  // sync
  r({
    tag: 'sync',
    method: 'GET',
    path: '/api/sync/pull',
    summary: 'Keyset-paginated feed of sessions visible to the caller, in commit order',
    auth: 'required',
    query: SyncPullQuerySchema,
    response: SyncPullResponseSchema,
  }),
  // docs
  r({
    tag: 'docs',
    method: 'GET',
    path: '/docs',
    summary: 'This documentation (HTML, or markdown with Accept: text/markdown)',
    auth: 'none',
    responseType: 'text/html',
  }),
  r({
    tag: 'docs',
    method: 'GET',
    path: '/docs/openapi.json',
    summary: 'OpenAPI 3.1 document',
    auth: 'none',
    responseType: 'application/json',
  }),
  r({
    tag: 'docs',
    method: 'GET',
    path: '/llms.txt',
    summary: 'LLM-friendly summary of the API',
    auth: 'none',
    responseType: 'text/plain',
  }),
];
