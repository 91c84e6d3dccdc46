import { createHash } from 'node:crypto';
import type { VerifiedIdentity } from '@otklik/client/schemas';
import * as client from 'openid-client';
import type { Database } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import { type KeyRing, openIfSealed, PKCE_VERIFIER_PURPOSE } from '../security/keys.ts';
import { IDENTITY_TOKEN_TTL_MS, issueIdentityToken } from './tokens.ts';

/** One OpenID Connect provider the portal can send citizens to (portal configuration, not data). */
export interface OidcProviderConfig {
  /** Short id used in URLs and in the recorded identity method (`oidc:<id>`). */
  id: string;
  /** Shown on the button: "Войти через {name}". */
  name: string;
  /** The issuer URL; its `/.well-known/openid-configuration` is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface OidcOptions {
  providers: OidcProviderConfig[];
  /** Development and tests only: lets the client talk to an `http:` issuer. */
  allowInsecureRequests?: boolean;
}

/** How long a started login may take before the callback refuses it. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;
export const OIDC_CALLBACK_PATH = '/v1/identity/oidc/callback';
export const PROVIDER_ID = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** Checks one provider entry of the configuration; `where` names it in the error (a typo fails at start). */
export function parseOidcProvider(entry: unknown, where: string): OidcProviderConfig {
  const e = (entry ?? {}) as Record<string, unknown>;
  for (const key of ['id', 'name', 'issuer', 'clientId', 'clientSecret'] as const) {
    if (typeof e[key] !== 'string' || e[key] === '') {
      throw new Error(`${where}.${key} must be a non-empty string`);
    }
  }
  if (!PROVIDER_ID.test(e.id as string)) {
    throw new Error(`${where}.id must be lower-case letters, digits and hyphens`);
  }
  return {
    id: e.id as string,
    name: e.name as string,
    issuer: e.issuer as string,
    clientId: e.clientId as string,
    clientSecret: e.clientSecret as string,
  };
}

/**
 * Reads `OTKLIK_OIDC_PROVIDERS`: a JSON array of {@link OidcProviderConfig}. Unset or empty means
 * OpenID Connect login is off (the default). Throws on a malformed value so a typo fails at start.
 */
export function oidcProvidersFromEnv(value: string | undefined): OidcProviderConfig[] {
  if (value === undefined || value.trim() === '') return [];
  const parsed = JSON.parse(value) as unknown;
  if (!Array.isArray(parsed)) throw new Error('OTKLIK_OIDC_PROVIDERS must be a JSON array');
  return parsed.map((entry: unknown, index) => parseOidcProvider(entry, `OTKLIK_OIDC_PROVIDERS[${index}]`));
}

/**
 * Discovery (`/.well-known/openid-configuration`), once per provider; a failure is not cached, so
 * the next login tries again.
 */
export class OidcDiscovery {
  readonly #configs = new Map<string, Promise<client.Configuration>>();

  constructor(private readonly allowInsecure: boolean) {}

  get(provider: OidcProviderConfig): Promise<client.Configuration> {
    let config = this.#configs.get(provider.id);
    if (config === undefined) {
      config = client.discovery(
        new URL(provider.issuer),
        provider.clientId,
        { client_secret: provider.clientSecret },
        client.ClientSecretBasic(provider.clientSecret),
        this.allowInsecure ? { execute: [client.allowInsecureRequests] } : {},
      );
      config.catch(() => this.#configs.delete(provider.id));
      this.#configs.set(provider.id, config);
    }
    return config;
  }
}

/**
 * The e-mail claims of a finished login: from the ID token, else (many providers put scope claims
 * only there) from the UserInfo response.
 */
/** The provider's authorization URL for the code flow with PKCE (S256), asking for the e-mail. */
export async function authorizationUrl(
  config: client.Configuration,
  redirectUri: string,
  login: { readonly codeVerifier: string; readonly state: string; readonly nonce: string },
): Promise<URL> {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
}

export async function emailClaims(
  config: client.Configuration,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
): Promise<{ email: unknown; emailVerified: unknown }> {
  const claims = tokens.claims();
  if (claims === undefined) throw new Error('no ID token');
  if (claims.email !== undefined) return { email: claims.email, emailVerified: claims.email_verified };
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { email: info.email, emailVerified: info.email_verified };
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** What the callback hands to the popup page: the identity and the page origin to post it to. */
export interface OidcLoginResult {
  returnOrigin: string;
  identity: VerifiedIdentity;
}

/** A callback refusal; `returnOrigin` is set when the pending login was found (the page may be told). */
export class OidcLoginError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 502,
    readonly returnOrigin: string | null = null,
  ) {
    super(message);
  }
}

/**
 * The authorization code flow with PKCE, `state` and `nonce`, done by `openid-client` (the protocol is
 * not hand-written here). The pending login lives in the database so any instance can finish it.
 */
export class OidcLogin {
  readonly #providers: Map<string, OidcProviderConfig>;
  readonly #discovery: OidcDiscovery;
  readonly #redirectUri: string;
  /** The portal's own origin: its rating page `/r/{id}` may sign in for any organisation. */
  readonly #ownOrigin: string;

  constructor(
    private readonly db: Database,
    private readonly keys: KeyRing,
    options: OidcOptions,
    publicUrl: string,
  ) {
    this.#discovery = new OidcDiscovery(options.allowInsecureRequests === true);
    this.#providers = new Map(options.providers.map((p) => [p.id, p]));
    this.#redirectUri = new URL(OIDC_CALLBACK_PATH, publicUrl).href;
    this.#ownOrigin = new URL(publicUrl).origin;
  }

  get redirectUri(): string {
    return this.#redirectUri;
  }

  /** The configured providers among `enabled` (an organisation's ids), for the widget settings. */
  providersFor(enabled: readonly string[]): { id: string; name: string }[] {
    return enabled.flatMap((id) => {
      const p = this.#providers.get(id);
      return p ? [{ id: p.id, name: p.name }] : [];
    });
  }

  #config(provider: OidcProviderConfig): Promise<client.Configuration> {
    return this.#discovery.get(provider);
  }

  /**
   * Starts a login for `organizationId` through `providerId`; `returnOrigin` (the widget page's origin)
   * must be one of the organisation's allowed origins or the portal's own. Returns the provider's
   * authorization URL.
   */
  async start(organizationId: string, providerId: string, returnOrigin: string): Promise<URL> {
    const provider = this.#providers.get(providerId);
    const [row] = await this.db.query<{ enabled: boolean; allowed: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM organization_oidc_providers
                       WHERE organization_id = o.id AND provider_id = $2) AS enabled,
              EXISTS (SELECT 1 FROM organization_origins
                       WHERE organization_id = o.id AND origin = $3) AS allowed
       FROM organizations o WHERE o.id = $1`,
      [organizationId, providerId, returnOrigin],
    );
    if (!row) throw new ProblemError(404, 'organization-not-found');
    if (provider === undefined || !row.enabled) {
      throw new ProblemError(404, 'not-found', 'No such identity provider for this organisation');
    }
    if (!row.allowed && returnOrigin !== this.#ownOrigin) {
      throw new ProblemError(
        403,
        'origin-not-allowed',
        `${returnOrigin} is not among this organisation's allowed origins`,
      );
    }
    let config: client.Configuration;
    try {
      config = await this.#config(provider);
    } catch {
      throw new ProblemError(503, 'service-unavailable', 'The identity provider did not answer');
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const now = Date.now();
    await this.db.query('DELETE FROM oidc_login_states WHERE expires_at < $1', [new Date(now)]);
    await this.db.query(
      `INSERT INTO oidc_login_states
         (state_hash, organization_id, provider_id, return_origin, code_verifier, nonce, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        sha256(state),
        organizationId,
        providerId,
        returnOrigin,
        await this.keys.seal(PKCE_VERIFIER_PURPOSE, codeVerifier),
        nonce,
        new Date(now),
        new Date(now + OIDC_LOGIN_TTL_MS),
      ],
    );
    return authorizationUrl(config, this.#redirectUri, { codeVerifier, state, nonce });
  }

  /**
   * Finishes a login: the pending row is taken (single use), the code exchanged with the PKCE
   * verifier, the ID token's nonce and the state checked by the library, and a verified e-mail
   * required. Issues the same identity token as the e-mail code, with method `oidc:<provider>`.
   */
  async callback(query: string): Promise<OidcLoginResult> {
    const params = new URLSearchParams(query);
    const state = params.get('state');
    if (state === null || state === '') throw new OidcLoginError('The login has no state', 400);
    const [pending] = await this.db.query<{
      organization_id: string;
      provider_id: string;
      return_origin: string;
      code_verifier: string;
      nonce: string;
      expires_at: Date;
    }>(
      `DELETE FROM oidc_login_states WHERE state_hash = $1
       RETURNING organization_id, provider_id, return_origin, code_verifier, nonce, expires_at`,
      [sha256(state)],
    );
    if (!pending) throw new OidcLoginError('Unknown or already used login', 400);
    const origin = pending.return_origin;
    if (pending.expires_at.getTime() <= Date.now()) {
      throw new OidcLoginError('The login took too long; start again', 400, origin);
    }
    const provider = this.#providers.get(pending.provider_id);
    if (provider === undefined) throw new OidcLoginError('The provider is no longer configured', 400, origin);
    if (params.has('error')) throw new OidcLoginError('The identity provider refused the login', 400, origin);
    const config = await this.#config(provider).catch(() => {
      throw new OidcLoginError('The identity provider did not answer', 502, origin);
    });
    let email: unknown;
    let emailVerified: unknown;
    try {
      const tokens = await client.authorizationCodeGrant(config, new URL(`${this.#redirectUri}?${query}`), {
        pkceCodeVerifier: await openIfSealed(this.keys, PKCE_VERIFIER_PURPOSE, pending.code_verifier),
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      ({ email, emailVerified } = await emailClaims(config, tokens));
    } catch {
      throw new OidcLoginError('The login could not be completed', 400, origin);
    }
    if (typeof email !== 'string' || email === '' || emailVerified !== true) {
      throw new OidcLoginError('The identity provider gave no verified e-mail address', 400, origin);
    }
    const method = `oidc:${provider.id}` as const;
    const exp = Date.now() + IDENTITY_TOKEN_TTL_MS;
    const address = email.trim().toLowerCase();
    const identityToken = await issueIdentityToken(this.keys, {
      org: pending.organization_id,
      email: address,
      method,
      exp,
    });
    return {
      returnOrigin: origin,
      identity: { identityToken, email: address, method, expiresAt: new Date(exp).toISOString() },
    };
  }
}
