import { z } from 'zod';

export const NICKNAME_MAX = 64;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const EMAIL_MAX = 254;

// Nicknames appear in URLs and invitations: keep them printable and unambiguous.
export const NicknameSchema = z
  .string()
  .trim()
  .min(1)
  .max(NICKNAME_MAX)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, ".", "_" and "-" only');
export const EmailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX)
  .transform((s) => s.toLowerCase())
  .pipe(z.email());
export const PasswordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const RegisterRequestSchema = z.object({ nickname: NicknameSchema });
export const RegisterResponseSchema = z.object({
  user_id: z.string(),
  nickname: z.string(),
  api_key: z.string().describe('Shown only here and on regenerate; the server keeps a hash.'),
});

export const AuthRegisterRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  nickname: NicknameSchema,
});
export const LoginRequestSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(PASSWORD_MAX) });
export const RefreshRequestSchema = z.object({ refresh_token: z.string().min(1).max(256) });

export const TokenResponseSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().int(),
  user_id: z.string(),
  nickname: z.string(),
});

export const VerifyResponseSchema = z.object({ user_id: z.string(), nickname: z.string() });

export const OAuthProviderLinkSchema = z.object({
  provider: z.string(),
  provider_username: z.string().nullable(),
  display_name: z.string(),
});
export const MeResponseSchema = z.object({
  user_id: z.string(),
  nickname: z.string(),
  created_at: z.string(),
  email: z.string().optional(),
  avatar_url: z.string().optional(),
  is_admin: z.boolean(),
  has_api_key: z.boolean(),
  api_key_prefix: z.string().optional().describe('First characters of the key, to recognise it; never the key.'),
  oauth_providers: z.array(OAuthProviderLinkSchema),
  github_username: z.string().optional(),
});

export const RegenerateKeyResponseSchema = z.object({ api_key: z.string() });
export const ChangePasswordRequestSchema = z.object({
  current_password: z.string().max(PASSWORD_MAX).optional(),
  new_password: PasswordSchema,
});

export const ProvidersResponseSchema = z.object({
  email_password: z.boolean(),
  oauth: z.array(z.object({ id: z.string(), display_name: z.string() })),
});
export const OAuthLinkResponseSchema = z.object({ url: z.string() });

export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;
export type RegisterResponse = z.infer<typeof RegisterResponseSchema>;
export type AuthRegisterRequest = z.infer<typeof AuthRegisterRequestSchema>;
export type LoginRequest = z.infer<typeof LoginRequestSchema>;
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
export type MeResponse = z.infer<typeof MeResponseSchema>;
export type ProvidersResponse = z.infer<typeof ProvidersResponseSchema>;
