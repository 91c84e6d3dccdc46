import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/types.ts';

/**
 * The portal's HMAC key, for proof-of-work signatures, identity tokens and code hashes. From
 * `OTKLIK_SECRET` when set; otherwise generated once and kept in `portal_settings`, so restarts and
 * every instance sharing the database sign and verify alike.
 */
export interface KeyRing {
  /** Hex HMAC-SHA256 of `data` under a key derived for `purpose` (keys never cross purposes). */
  sign(purpose: string, data: string): Promise<string>;
  /** Constant-time comparison of `signature` with `sign(purpose, data)`. */
  verify(purpose: string, data: string, signature: string): Promise<boolean>;
  /**
   * `text` encrypted and authenticated (AES-256-GCM) under a key derived for `purpose`: what must be
   * stored and sent or replayed later (a receipt with the access secret, a mail with a code).
   */
  seal(purpose: string, text: string): Promise<string>;
  /** The text {@link seal} was given; throws if `sealed` was altered or sealed for another purpose. */
  open(purpose: string, sealed: string): Promise<string>;
}

/** Sealed values start with this, so a reader can tell them from values written before sealing. */
export const SEALED_PREFIX = 'sealed:v1:';

/** The PKCE verifier of an OpenID Connect sign-in in progress: sealed in its row (it never leaves the portal). */
export const PKCE_VERIFIER_PURPOSE = 'oidc-pkce-verifier';

/** Opens `value` if it is sealed; a value written before sealing began is returned as it is. */
export const openIfSealed = (keys: KeyRing, purpose: string, value: string): Promise<string> =>
  value.startsWith(SEALED_PREFIX) ? keys.open(purpose, value) : Promise.resolve(value);

export function createKeyRing(db: Queryable, secret = process.env.OTKLIK_SECRET): KeyRing {
  let master: Promise<Buffer> | undefined;
  const derived = new Map<string, Buffer>();
  const load = async (): Promise<Buffer> => {
    if (secret) return Buffer.from(secret, 'utf8');
    await db.query(
      `INSERT INTO portal_settings (key, value) VALUES ('hmac_key', $1) ON CONFLICT (key) DO NOTHING`,
      [randomBytes(32).toString('base64url')],
    );
    const [row] = await db.query<{ value: string }>(
      `SELECT value FROM portal_settings WHERE key = 'hmac_key'`,
    );
    if (!row) throw new Error('portal_settings.hmac_key missing');
    return Buffer.from(row.value, 'utf8');
  };
  const keyFor = async (purpose: string) => {
    let key = derived.get(purpose);
    if (key === undefined) {
      master ??= load().catch((error: unknown) => {
        master = undefined;
        throw error;
      });
      key = createHmac('sha256', await master)
        .update(`otklik:${purpose}`)
        .digest();
      derived.set(purpose, key);
    }
    return key;
  };
  const sign = async (purpose: string, data: string) =>
    createHmac('sha256', await keyFor(purpose))
      .update(data)
      .digest('hex');
  return {
    sign,
    async verify(purpose, data, signature) {
      return safeEqualHex(await sign(purpose, data), signature);
    },
    async seal(purpose, text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await keyFor(`seal:${purpose}`), iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    async open(purpose, sealed) {
      if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('Not a sealed value');
      const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        await keyFor(`seal:${purpose}`),
        bytes.subarray(0, 12),
      );
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Constant-time equality of two hex strings (false when lengths differ). */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
