import { z } from 'zod';
import { EmailSchema, NicknameSchema } from './auth.js';
import { SessionSummarySchema, TimeRangeSchema } from './sessions.js';

export const RoleSchema = z.enum(['admin', 'member']);
export type Role = z.infer<typeof RoleSchema>;

const TeamName = z.string().trim().min(1).max(128);
const Description = z.string().max(2000);

export const CreateTeamRequestSchema = z.object({
  name: TeamName,
  description: Description.optional(),
  is_public: z.boolean().default(false),
});
export const UpdateTeamRequestSchema = z
  .object({ name: TeamName, description: Description.nullable(), is_public: z.boolean() })
  .partial();

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  is_public: z.boolean(),
  created_by: z.string(),
  created_at: z.string(),
});
export type Team = z.infer<typeof TeamSchema>;

export const TeamListResponseSchema = z.object({
  teams: z.array(TeamSchema.extend({ role: RoleSchema, member_count: z.number() })),
});
export const TeamDetailSchema = TeamSchema.extend({
  member_count: z.number(),
  my_role: RoleSchema.optional(),
  sessions: z.array(SessionSummarySchema),
});

const Aggregate = {
  session_count: z.number(),
  message_count: z.number(),
  event_count: z.number(),
  tool_call_count: z.number(),
  duration_seconds: z.number(),
  total_input_tokens: z.number(),
  total_output_tokens: z.number(),
};
export const AggregateSchema = z.object(Aggregate);
export type Aggregate = z.infer<typeof AggregateSchema>;

export const TeamStatsQuerySchema = z.object({ time_range: TimeRangeSchema.default('all') });
export const TeamStatsSchema = z.object({
  team_id: z.string(),
  time_range: TimeRangeSchema,
  totals: AggregateSchema,
  by_user: z.array(AggregateSchema.extend({ user_id: z.string(), nickname: z.string() })),
  by_tool: z.array(AggregateSchema.extend({ tool: z.string() })),
  by_model: z.array(AggregateSchema.extend({ model: z.string() })),
});
export type TeamStats = z.infer<typeof TeamStatsSchema>;

export const MemberSchema = z.object({
  user_id: z.string(),
  nickname: z.string(),
  role: RoleSchema,
  joined_at: z.string(),
});
export const MembersResponseSchema = z.object({ members: z.array(MemberSchema) });
export const AddMemberRequestSchema = z
  .object({ nickname: NicknameSchema.optional(), user_id: z.string().max(128).optional(), role: RoleSchema.optional() })
  .refine((v) => Boolean(v.nickname) !== Boolean(v.user_id), 'give exactly one of nickname or user_id');

export const InviteRequestSchema = z
  .object({
    email: EmailSchema.optional(),
    oauth_provider: z.string().max(64).optional(),
    oauth_provider_username: z.string().max(256).optional(),
    role: RoleSchema.default('member'),
  })
  .refine(
    (v) => Boolean(v.email) !== Boolean(v.oauth_provider && v.oauth_provider_username),
    'give either email, or oauth_provider and oauth_provider_username',
  );

export const InvitationSchema = z.object({
  id: z.string(),
  team_id: z.string(),
  team_name: z.string(),
  email: z.string().optional(),
  oauth_provider: z.string().optional(),
  oauth_provider_username: z.string().optional(),
  invited_by_nickname: z.string(),
  role: RoleSchema,
  status: z.enum(['pending', 'accepted', 'declined', 'cancelled']),
  created_at: z.string(),
  expires_at: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationsResponseSchema = z.object({ invitations: z.array(InvitationSchema) });
export const AcceptInvitationResponseSchema = z.object({ team_id: z.string(), role: RoleSchema });

export const CreateInviteKeyRequestSchema = z.object({
  role: RoleSchema.default('member'),
  expires_in_days: z.number().int().min(1).max(30).default(7),
});
export const InviteKeyCreatedSchema = z.object({
  key_id: z.string(),
  invite_key: z.string().describe('ostk_…, shown only once.'),
  role: RoleSchema,
  expires_at: z.string(),
});
export const InviteKeyListSchema = z.object({
  keys: z.array(
    z.object({
      id: z.string(),
      role: RoleSchema,
      created_by_nickname: z.string(),
      created_at: z.string(),
      expires_at: z.string(),
      used_at: z.string().optional(),
      revoked_at: z.string().optional(),
    }),
  ),
});
export const JoinWithKeyRequestSchema = z.object({ invite_key: z.string().min(1).max(256) });
export const JoinWithKeyResponseSchema = z.object({ team_id: z.string(), team_name: z.string(), role: RoleSchema });
