/** An OAuth 2 / OIDC login provider. `oidc` providers are configured by discovery from their issuer. */
export interface OAuthProviderConfig {
  id: string;
  displayName: string;
  kind: 'github' | 'gitlab' | 'oidc';
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** oidc: the issuer URL (discovery at /.well-known/openid-configuration). */
  issuer?: string;
  /** github/gitlab: fixed endpoints. authorizeUrl is what the browser sees. */
  authorizeUrl?: string;
  tokenUrl?: string;
  userUrl?: string;
}

type Env = Record<string, string | undefined>;

const both = (env: Env, prefix: string) => {
  const clientId = env[`${prefix}_CLIENT_ID`];
  const clientSecret = env[`${prefix}_CLIENT_SECRET`];
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
};

function github(env: Env): OAuthProviderConfig | undefined {
  const creds = both(env, 'GITHUB');
  if (!creds) return undefined;
  return {
    id: 'github',
    displayName: 'GitHub',
    kind: 'github',
    ...creds,
    scopes: ['read:user', 'user:email'],
    authorizeUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    userUrl: 'https://api.github.com/user',
  };
}

function gitlab(env: Env): OAuthProviderConfig | undefined {
  const creds = both(env, 'GITLAB');
  if (!creds) return undefined;
  const internal = (env.GITLAB_URL || 'https://gitlab.com').replace(/\/+$/, '');
  // The server may reach GitLab on an internal address that browsers cannot.
  const external = (env.GITLAB_EXTERNAL_URL || internal).replace(/\/+$/, '');
  return {
    id: 'gitlab',
    displayName: 'GitLab',
    kind: 'gitlab',
    ...creds,
    scopes: ['read_user'],
    authorizeUrl: `${external}/oauth/authorize`,
    tokenUrl: `${internal}/oauth/token`,
    userUrl: `${internal}/api/v4/user`,
  };
}

function google(env: Env): OAuthProviderConfig | undefined {
  const creds = both(env, 'GOOGLE');
  if (!creds) return undefined;
  return {
    id: 'google',
    displayName: 'Google',
    kind: 'oidc',
    ...creds,
    scopes: ['openid', 'email', 'profile'],
    issuer: 'https://accounts.google.com',
  };
}

function genericOidc(env: Env): OAuthProviderConfig | undefined {
  const creds = both(env, 'OIDC');
  if (!creds || !env.OIDC_ISSUER) return undefined;
  return {
    id: env.OIDC_PROVIDER_ID || 'oidc',
    displayName: env.OIDC_DISPLAY_NAME || 'Single sign-on',
    kind: 'oidc',
    ...creds,
    scopes: (env.OIDC_SCOPES || 'openid email profile').split(/[\s,]+/).filter(Boolean),
    issuer: env.OIDC_ISSUER.replace(/\/+$/, ''),
  };
}

/** The providers whose credentials are present in the environment. */
export function oauthProvidersFromEnv(env: Env): OAuthProviderConfig[] {
  return [github(env), gitlab(env), google(env), genericOidc(env)].filter((p): p is OAuthProviderConfig => !!p);
}
