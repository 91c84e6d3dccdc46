import type { KeyRing } from '../security/keys.ts';

/** What a verified identity token asserts. */
export interface IdentityClaims {
  org: string;
  email: string;
  /** `email-code`, or `oidc:<provider id>` for an OpenID Connect login. */
  method: 'email-code' | `oidc:${string}`;
  /** Expiry, ms since the epoch. */
  exp: number;
}

const PURPOSE = 'identity-token';
export const IDENTITY_TOKEN_TTL_MS = 2 * 60 * 60_000;

/** `base64url(JSON claims).hex HMAC`: stateless, so any instance can check it. */
export async function issueIdentityToken(keys: KeyRing, claims: IdentityClaims): Promise<string> {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${await keys.sign(PURPOSE, payload)}`;
}

/** The claims of a valid, unexpired token, or null. */
export async function readIdentityToken(keys: KeyRing, token: string): Promise<IdentityClaims | null> {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  if (!(await keys.verify(PURPOSE, payload, token.slice(dot + 1)))) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IdentityClaims;
    if (typeof claims.exp !== 'number' || claims.exp <= Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

/** E-mail addresses compare without case (the local part is case-insensitive in practice). */
export const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
