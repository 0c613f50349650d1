import { jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export interface AccessTokenSigner {
  sign(userId: string, now: Date): Promise<string>;
  /** The user id, or undefined for any invalid, expired or foreign token. */
  verify(token: string, now: Date): Promise<string | undefined>;
}

export function createAccessTokens(secret: string, issuer: string): AccessTokenSigner {
  const key = new TextEncoder().encode(secret);
  return {
    sign(userId, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(issuer)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
        .sign(key);
    },
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer,
          audience: issuer,
          currentDate: now,
        });
        return typeof payload.sub === 'string' ? payload.sub : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
