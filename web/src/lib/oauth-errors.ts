/** What the server's `?error=` codes on /login and /settings mean to a person. */
const MESSAGES: Record<string, string> = {
  oauth_invalid_state: 'The sign-in link expired or was already used. Please try again.',
  oauth_denied: 'Sign-in was cancelled at the provider.',
  oauth_failed: 'The provider could not confirm your account. Please try again.',
  oauth_already_linked: 'That account is already linked to another OpenSession user.',
};

export function oauthErrorMessage(code: string | null): string {
  if (!code) return '';
  return MESSAGES[code] ?? `Sign-in failed (${code.slice(0, 64)}).`;
}
