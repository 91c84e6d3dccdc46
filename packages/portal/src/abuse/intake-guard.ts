import type { Context } from 'hono';
import type { EndpointOptions } from '../http/endpoint.ts';
import { clientIp, enforceLimit, ipKey } from './middleware.ts';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit.ts';

/** Actions a rate limiter guards, each with its own limits. */
export type IntakeAction =
  | 'challenge'
  | 'email-code'
  | 'oidc-start'
  | 'file-appeal'
  | 'lost-link'
  | 'applicant-write'
  | 'upload'
  | 'submit-rating'
  | 'staff-sign-in'
  | 'staff-sign-in-verify'
  | 'appeal-read'
  | 'email-verify'
  | 'email-code-recipient'
  | 'public-read';

/**
 * Counts a request of `action` for `organizationId`; throws a 429 ProblemError to refuse it. For
 * `email-code-recipient` the "organisation" is a keyed hash of the e-mail address (see
 * {@link recipientScope}): codes are limited per address as well as per network address, since a
 * school computer room shares one.
 */
export interface IntakeGuard {
  (c: Context, action: IntakeAction, organizationId: string): Promise<void>;
  /**
   * Counts a `public-read` at once and tells whether it is within the limit, for reads answered from
   * memory without a promise (the cached counter). A guard without it makes those reads take the
   * ordinary path, so a guard is never bypassed.
   */
  readonly countPublicRead?: (c: Context) => boolean;
}

/** Registration options that rate-limit an endpoint as `action`; none without a guard. */
export function limitedAs(guard: IntakeGuard | undefined, action: IntakeAction): EndpointOptions {
  return guard ? { guard: (c, organizationId) => guard(c, action, organizationId) } : {};
}

/** Requests allowed per window: per client address, and per organisation for all clients together. */
export interface IntakeLimit {
  perClient: number;
  perOrganization: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Defaults sized for people, not scripts: a citizen files an appeal or two and asks for a few codes;
 * an organisation receives at most a few hundred appeals an hour even on its busiest day.
 */
export const DEFAULT_INTAKE_LIMITS: Record<IntakeAction, IntakeLimit> = {
  challenge: { perClient: 60, perOrganization: 5_000, windowMs: 10 * MINUTE },
  'email-code': { perClient: 10, perOrganization: 1_000, windowMs: HOUR },
  // Each start of an OpenID Connect login writes a pending-login row (deleted when used or expired).
  'oidc-start': { perClient: 20, perOrganization: 2_000, windowMs: HOUR },
  'file-appeal': { perClient: 10, perOrganization: 500, windowMs: HOUR },
  'lost-link': { perClient: 5, perOrganization: 500, windowMs: HOUR },
  'applicant-write': { perClient: 60, perOrganization: 5_000, windowMs: HOUR },
  // A few files per appeal, with room for retries and files taken back; each may be 10 MB.
  upload: { perClient: 30, perOrganization: 1_000, windowMs: HOUR },
  // One rating per service and day each; a family on one connection rates a few services.
  'submit-rating': { perClient: 20, perOrganization: 2_000, windowMs: HOUR },
  // Staff sign-in (the "organisation" is the whole portal): a person asks for a code or two a day.
  'staff-sign-in': { perClient: 20, perOrganization: 5_000, windowMs: HOUR },
  'staff-sign-in-verify': { perClient: 30, perOrganization: 10_000, windowMs: HOUR },
  // The applicant's status page and its files: a person opens them now and then, not thousands of times.
  'appeal-read': { perClient: 300, perOrganization: 20_000, windowMs: 10 * MINUTE },
  // Six-digit codes: guessing is limited per verification too (five tries); this bounds the sweep.
  'email-verify': { perClient: 30, perOrganization: 2_000, windowMs: HOUR },
  // Per e-mail address (any network address, any organisation): a few codes an hour.
  'email-code-recipient': { perClient: 5, perOrganization: 5, windowMs: HOUR },
  // Cached public reads (counter, directory, summaries): per client only, counted in this process.
  'public-read': { perClient: 1_200, perOrganization: Number.POSITIVE_INFINITY, windowMs: MINUTE },
};

/** The key `email-code-recipient` is counted under: a keyed hash, so stores hold no e-mail address. */
export async function recipientScope(
  hash: (address: string) => Promise<string>,
  email: string,
): Promise<string> {
  return `recipient:${await hash(`email:${email.trim().toLowerCase()}`)}`;
}

export interface IntakeGuardOptions {
  store: RateLimitStore;
  /** Turns a client address into what the store keeps (an HMAC), so that stores hold no IP addresses. */
  hashAddress: (address: string) => Promise<string>;
  /** See `clientIp`: only behind your own reverse proxy that replaces `X-Forwarded-For`. */
  trustProxy: boolean;
  limits?: Partial<Record<IntakeAction, IntakeLimit>>;
}

/**
 * The rate limits of the appeal intake (429 with `Retry-After` when exceeded). A request whose client
 * address is unknown (in-process calls) is limited per organisation only.
 */
export function createIntakeGuard(options: IntakeGuardOptions): IntakeGuard {
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...options.limits };
  // Reads are frequent and cheap: counted in memory per process, by address, without a store round trip.
  const reads = new MemoryRateLimitStore({ maxKeys: 50_000 });
  const guard: IntakeGuard = async (c, action, organizationId) => {
    const { perClient, perOrganization, windowMs } = limits[action];
    const ip = clientIp(c, { trustProxy: options.trustProxy });
    if (action === 'public-read') {
      if (ip !== null) await enforceLimit(reads, ipKey(ip), perClient, windowMs);
      return;
    }
    if (ip !== null) {
      const client = await options.hashAddress(ipKey(ip));
      await enforceLimit(options.store, `intake:${action}:${organizationId}:${client}`, perClient, windowMs);
    }
    await enforceLimit(options.store, `intake:${action}:org:${organizationId}`, perOrganization, windowMs);
  };
  const { perClient: readsPerClient, windowMs: readWindowMs } = limits['public-read'];
  const countPublicRead = (c: Context): boolean => {
    const ip = clientIp(c, { trustProxy: options.trustProxy });
    return ip === null || reads.hitNow(ipKey(ip), readWindowMs).count <= readsPerClient;
  };
  return Object.assign(guard, { countPublicRead });
}
