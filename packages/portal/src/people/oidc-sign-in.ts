/**
 * Staff sign-in through the one OpenID Connect provider the portal configures for staff (say, the
 * region's Keycloak or the body's Entra ID): the authorization code flow with PKCE, `state` and
 * `nonce`, done by `openid-client`. The provider sends the browser back to the console, which hands
 * the callback's parameters to the portal. The person is matched by the provider's verified e-mail
 * address and never created; one with an authenticator enrolled gives its code too, as with the
 * e-mail code.
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
  ProblemReason,
  StaffOidcSignInCompletion,
  StaffOidcSignInStarted,
} from '@otklik/client/schemas';
import * as client from 'openid-client';
import type { Database } from '../db/types.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import {
  authorizationUrl,
  emailClaims,
  OidcDiscovery,
  type OidcProviderConfig,
  parseOidcProvider,
} from '../identity/oidc.ts';
import { type KeyRing, openIfSealed, PKCE_VERIFIER_PURPOSE, safeEqualHex } from '../security/keys.ts';
import { auditSignInEvent, type SignInMethod } from './sign-in-audit.ts';
import { acceptTotp, type CodeRefusal, TOTP_MISSING, totpRefusal } from './totp.ts';

export interface StaffOidcOptions {
  provider: OidcProviderConfig;
  /** Development and tests only: lets the client talk to an `http:` issuer. */
  allowInsecureRequests?: boolean;
}

/** The console's page the provider sends the browser back to (register `{PUBLIC_URL}` + this). */
export const STAFF_OIDC_CALLBACK_PATH = '/console/sign-in/oidc';
/** How long a started sign-in may take, the provider's login and the second factor included. */
export const STAFF_OIDC_TTL_MS = 10 * 60_000;
/** The cookie that ties a sign-in in progress to the browser that started it. */
export const STAFF_OIDC_BROWSER_COOKIE = 'otklik-oidc-sign-in';
/** Wrong authenticator codes that end a sign-in. */
export const STAFF_OIDC_TOTP_ATTEMPTS = 5;

/**
 * Reads `OTKLIK_STAFF_OIDC_PROVIDER`: one JSON object like an entry of `OTKLIK_OIDC_PROVIDERS`
 * (`{id, name, issuer, clientId, clientSecret}`). Unset or empty: staff sign in with the e-mail code
 * only. Throws on a malformed value so a typo fails at start.
 */
export function staffOidcProviderFromEnv(value: string | undefined): OidcProviderConfig | null {
  if (value === undefined || value.trim() === '') return null;
  const parsed = JSON.parse(value) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('OTKLIK_STAFF_OIDC_PROVIDER must be a JSON object');
  }
  return parseOidcProvider(parsed, 'OTKLIK_STAFF_OIDC_PROVIDER');
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const refused = (reason: ProblemReason, path: string, message: string) => fieldRefusal(reason, path, message);

interface Pending {
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  expires_at: Date;
  person_id: string | null;
  totp_attempts: number;
}

export class StaffOidcSignIn {
  readonly #discovery: OidcDiscovery;
  readonly #redirectUri: string;

  constructor(
    private readonly db: Database,
    private readonly keys: KeyRing,
    private readonly options: StaffOidcOptions,
    publicUrl: string,
  ) {
    this.#discovery = new OidcDiscovery(options.allowInsecureRequests === true);
    this.#redirectUri = new URL(STAFF_OIDC_CALLBACK_PATH, publicUrl).href;
  }

  /** The provider's name for the console's button. */
  get name(): string {
    return this.options.provider.name;
  }

  /** The method the audit log records: the provider's id, and its name for people to read. */
  get method(): SignInMethod {
    return { method: `oidc:${this.options.provider.id}`, provider: this.options.provider.name };
  }

  async #config(): Promise<client.Configuration> {
    try {
      return await this.#discovery.get(this.options.provider);
    } catch {
      throw refusal('identity-provider-unavailable', 'The identity provider did not answer; try again');
    }
  }

  /**
   * Records a sign-in in progress and returns the provider's authorization URL, and the value the
   * starting browser keeps in a cookie ({@link STAFF_OIDC_BROWSER_COOKIE}) to finish it with.
   */
  async start(now: Date): Promise<{ started: StaffOidcSignInStarted; browser: string }> {
    const config = await this.#config();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const expiresAt = new Date(now.getTime() + STAFF_OIDC_TTL_MS);
    await this.db.query('DELETE FROM staff_oidc_sign_ins WHERE expires_at < $1', [now]);
    const browser = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO staff_oidc_sign_ins (state_hash, browser_hash, code_verifier, nonce, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        sha256(state),
        sha256(browser),
        await this.keys.seal(PKCE_VERIFIER_PURPOSE, codeVerifier),
        nonce,
        now,
        expiresAt,
      ],
    );
    const url = await authorizationUrl(config, this.#redirectUri, { codeVerifier, state, nonce });
    return { started: { authorizationUrl: url.href, expiresAt: expiresAt.toISOString() }, browser };
  }

  /**
   * Finishes a sign-in: the first call exchanges the code (once) and matches the person; when they
   * have an authenticator, its code is asked for (422 on `body.totp`) and the same body with `totp`
   * finishes. Resolves to the person who signed in; the pending row is gone by then.
   */
  async complete(input: StaffOidcSignInCompletion, browser: string | undefined, now: Date): Promise<string> {
    const stateHash = sha256(input.state);
    const [pending] = await this.db.query<Pending>(
      `SELECT browser_hash, code_verifier, nonce, expires_at, person_id, totp_attempts FROM staff_oidc_sign_ins
       WHERE state_hash = $1`,
      [stateHash],
    );
    if (!pending)
      throw refused('oidc-sign-in-expired', 'body.state', 'Unknown or already used sign-in; start again');
    // Left in place: the browser that started it may still finish it.
    if (browser === undefined || !safeEqualHex(sha256(browser), pending.browser_hash)) {
      throw refused(
        'oidc-other-browser',
        'body.state',
        'This sign-in was started in another browser; start again here',
      );
    }
    if (pending.expires_at.getTime() <= now.getTime()) {
      await this.#forget(stateHash);
      throw refused('oidc-sign-in-expired', 'body.state', 'The sign-in took too long; start again');
    }
    let personId = pending.person_id;
    if (personId === null) {
      personId = await this.#exchange(stateHash, pending, input);
      const [claimed] = await this.db.query(
        `UPDATE staff_oidc_sign_ins SET person_id = $2 WHERE state_hash = $1 AND person_id IS NULL
         RETURNING 1`,
        [stateHash, personId],
      );
      if (!claimed)
        throw refused('oidc-sign-in-expired', 'body.state', 'Unknown or already used sign-in; start again');
    }
    return this.#secondFactor(stateHash, personId, input.totp, now);
  }

  async #forget(stateHash: string): Promise<void> {
    await this.db.query('DELETE FROM staff_oidc_sign_ins WHERE state_hash = $1', [stateHash]);
  }

  /** The code for tokens (the library checks state, PKCE, issuer and nonce); the person it names. */
  async #exchange(stateHash: string, pending: Pending, input: StaffOidcSignInCompletion): Promise<string> {
    const config = await this.#config();
    const callback = new URL(this.#redirectUri);
    callback.searchParams.set('code', input.code);
    callback.searchParams.set('state', input.state);
    if (input.iss !== undefined) callback.searchParams.set('iss', input.iss);
    let email: unknown;
    let emailVerified: unknown;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: await openIfSealed(this.keys, PKCE_VERIFIER_PURPOSE, pending.code_verifier),
        expectedState: input.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      ({ email, emailVerified } = await emailClaims(config, tokens));
    } catch {
      await this.#forget(stateHash);
      throw refused(
        'oidc-not-confirmed',
        'body.code',
        'The identity provider did not confirm the sign-in; start again',
      );
    }
    // A refusal ends the sign-in: the provider's code is spent.
    if (typeof email !== 'string' || email.trim() === '' || emailVerified !== true) {
      await this.#forget(stateHash);
      throw refusal(
        'oidc-email-unverified',
        'The identity provider has not confirmed your e-mail address; sign in with the e-mail code instead',
      );
    }
    const address = email.trim().toLowerCase();
    const [person] = await this.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [address]);
    if (!person) {
      await this.#forget(stateHash);
      throw refusal(
        'no-staff-account',
        `No staff account uses ${address}; ask your organisation's administrator to invite this address`,
      );
    }
    return person.id;
  }

  /** The authenticator's code when the person has one; then the pending row is taken (single use). */
  async #secondFactor(stateHash: string, personId: string, totp: string | undefined, now: Date) {
    type Outcome = { ok: true } | { error: CodeRefusal } | { limited: true } | { gone: true };
    const outcome: Outcome = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ totp_attempts: number }>(
        'SELECT totp_attempts FROM staff_oidc_sign_ins WHERE state_hash = $1 FOR UPDATE',
        [stateHash],
      );
      if (!row) return { gone: true };
      if (row.totp_attempts >= STAFF_OIDC_TOTP_ATTEMPTS) {
        await tx.query('DELETE FROM staff_oidc_sign_ins WHERE state_hash = $1', [stateHash]);
        return { limited: true };
      }
      const [person] = await tx.query<{ totp_secret: string | null; totp_enabled_at: Date | null }>(
        'SELECT totp_secret, totp_enabled_at FROM people WHERE id = $1',
        [personId],
      );
      if (person?.totp_enabled_at && person.totp_secret !== null) {
        if (totp === undefined) return { error: TOTP_MISSING };
        const secret = { id: personId, totpSecret: person.totp_secret };
        const check = await acceptTotp(tx, this.keys, secret, totp, now);
        if (check !== 'accepted') {
          // Returned, not thrown, so the transaction commits: a wrong code uses up an attempt.
          await tx.query(
            'UPDATE staff_oidc_sign_ins SET totp_attempts = totp_attempts + 1 WHERE state_hash = $1',
            [stateHash],
          );
          await auditSignInEvent(tx, personId, 'totp-failed', this.method);
          return { error: totpRefusal(check) };
        }
      }
      await tx.query('DELETE FROM staff_oidc_sign_ins WHERE state_hash = $1', [stateHash]);
      return { ok: true };
    });
    if ('gone' in outcome)
      throw refused('oidc-sign-in-expired', 'body.state', 'Unknown or already used sign-in; start again');
    if ('limited' in outcome) {
      throw refusal('too-many-wrong-codes', 'Too many wrong codes; start the sign-in again', {
        headers: { 'Retry-After': '60' },
      });
    }
    if ('error' in outcome) throw refused(outcome.error.reason, 'body.totp', outcome.error.message);
    return personId;
  }
}
