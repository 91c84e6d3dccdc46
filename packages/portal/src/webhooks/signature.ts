/**
 * How a delivery is signed: `Otklik-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `"<t>.<body>"` with the hook's secret. A receiver recomputes it, compares in constant time and
 * refuses a timestamp more than five minutes away from its clock (a replayed old delivery).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Otklik-Signature';
export const EVENT_HEADER = 'Otklik-Event';
export const DELIVERY_HEADER = 'Otklik-Delivery';

/** A new hook's secret: 32 random bytes, `whsec_` and base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The header value for `body` sent at `timestamp` (unix seconds). */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Whether `header` signs `body` with `secret`, within `toleranceSeconds` of `now`. */
export function verifyDelivery(
  secret: string,
  header: string | undefined,
  body: string,
  now = Date.now(),
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const [k = '', ...rest] = part.split('=');
      return [k.trim(), rest.join('=')] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = signDelivery(secret, t, body).split('v1=')[1] ?? '';
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
