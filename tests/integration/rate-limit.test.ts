import { createClient, isOtklikError } from '@otklik/client';
import { type Portal, startPortal } from '@otklik/portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The intake's rate limits through real sockets (the client's address is what is counted) and the
 * typed client: a refusal is a problem with code `rate-limited` and the seconds to wait.
 */
describe('appeal intake rate limits', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({
      database: { kind: 'pglite' },
      port: 0,
      seed: 'demo',
      rateLimit: { limits: { 'lost-link': { perClient: 2, perOrganization: 100, windowMs: 60_000 } } },
    });
  });
  afterAll(() => portal?.close());

  it('answers 429 with Retry-After once a client exceeds its limit, and counts per organisation', async () => {
    const otklik = createClient({ baseUrl: portal.url, retries: 0 });
    const ask = (organizationId: string) =>
      otklik.requestLostLink(organizationId, { registrationNumber: 'X-2026-000001', email: 'a@example.org' });
    await expect(ask('demo-school')).resolves.toEqual({ accepted: true });
    await expect(ask('demo-school')).resolves.toEqual({ accepted: true });
    const refused = await ask('demo-school').catch((error: unknown) => error);
    expect(isOtklikError(refused) && refused.kind === 'problem' && refused.code).toBe('rate-limited');
    expect(isOtklikError(refused) && refused.kind === 'problem' && refused.retryAfter).toBeGreaterThan(0);
    // Another organisation's limit is counted apart.
    await expect(ask('demo-by')).resolves.toEqual({ accepted: true });
  });
});
