import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
}

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
  };
}

/** Constant-time equality of two hex strings (false when lengths differ). */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
