import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

const DiscoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  userinfo_endpoint: z.url().optional(),
  jwks_uri: z.url(),
});

export interface OidcMetadata extends z.infer<typeof DiscoverySchema> {
  jwks: JWTVerifyGetKey;
}

// Per-process cache of public metadata: safe to hold in memory (every instance fetches the same).
const cache = new Map<string, Promise<OidcMetadata>>();

async function fetchMetadata(issuer: string): Promise<OidcMetadata> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`OIDC discovery for ${issuer} failed: HTTP ${res.status}`);
  const meta = DiscoverySchema.parse(await res.json());
  if (meta.issuer.replace(/\/+$/, '') !== issuer) throw new Error(`OIDC issuer mismatch: ${meta.issuer} != ${issuer}`);
  return { ...meta, jwks: createRemoteJWKSet(new URL(meta.jwks_uri)) };
}

/** Discovery document and key set of an issuer (retried after a failure). */
export function oidcMetadata(issuer: string): Promise<OidcMetadata> {
  let p = cache.get(issuer);
  if (!p) {
    p = fetchMetadata(issuer);
    p.catch(() => cache.delete(issuer));
    cache.set(issuer, p);
  }
  return p;
}
