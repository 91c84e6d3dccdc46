/**
 * Two portal processes on one PostgreSQL, sharing Redis, behind the shipped nginx site (round robin):
 * a client cannot escape the rate limits by landing on the other instance or by writing its own
 * X-Forwarded-For; a proof of work spent on one is refused on the other; an Idempotency-Key used on
 * one is replayed by the other; and with both outbox workers running, each mail is delivered once to
 * a real SMTP server.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../packages/portal/src/db/index.ts';
import { startMailbox } from '../../packages/portal/src/demo/mailbox.ts';
import { createTestDatabase } from '../../packages/portal/src/testing/postgres.ts';
import { FILING_ORG, newFiling, prepareFiling, submitFiling } from './harness/filing.ts';
import { freePort, httpsClient, type Nginx, prepareNginx } from './harness/nginx.ts';
import { killAllPortals, type PortalProcess, spawnPortal } from './harness/processes.ts';
import { missingServices, REDIS_URL } from './harness/services.ts';

const skip = await missingServices(['postgres', 'redis', 'nginx', 'openssl']);
const LOST_LINK_LIMIT = 4;
const MAILS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests answered by one instance for one route pattern, from its own /metrics (loopback). */
async function served(instance: PortalProcess, route: string): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('otklik_http_requests_total{') && line.includes(`route="${route}"`))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe.skipIf(skip !== null)('two instances behind nginx with PostgreSQL and Redis', () => {
  let drop = async () => {};
  let url = '';
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  let instances: PortalProcess[] = [];
  let nginx: Nginx;
  let client: ReturnType<typeof httpsClient>;
  const started = performance.now();

  beforeAll(async () => {
    const created = await createTestDatabase();
    if (!created) throw new Error('PostgreSQL went away');
    drop = created.drop;
    url = created.url;
    mailbox = await startMailbox({ port: 0 });
    const base = {
      database: { kind: 'postgres' as const, url },
      rateLimit: {
        redisUrl: REDIS_URL,
        prefix: `otklik-test:${randomBytes(4).toString('hex')}:`,
        trustProxy: true,
        limits: { 'lost-link': { perClient: LOST_LINK_LIMIT, perOrganization: 1000, windowMs: 600_000 } },
      },
      smtpUrl: `smtp://127.0.0.1:${mailbox.port}`,
      powMaxNumber: 200,
    };
    const first = await spawnPortal({ ...base, port: await freePort(), seed: true });
    instances = [first, await spawnPortal({ ...base, port: await freePort() })];
    nginx = await prepareNginx(instances.map((i) => Number(new URL(i.url).port)));
    await nginx.start();
    client = httpsClient(nginx);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await nginx?.stop();
    for (const instance of instances) await instance.stop();
    killAllPortals();
    await mailbox?.close();
    await drop();
    console.log(`[two-instances] whole script ${Math.round(performance.now() - started)} ms`);
  });

  it('shares the rate limits, whichever instance answers and whatever X-Forwarded-For the client sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOST_LINK_LIMIT * 2; i++) {
      const res = await client.request(
        'POST',
        `/v1/organizations/${FILING_ORG}/appeals/lost-link`,
        { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${i + 1}` },
        JSON.stringify({ registrationNumber: `ЗВ-2026-9${i}`, email: 'ales@example.com' }),
      );
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    const route = '/v1/organizations/:organizationId/appeals/lost-link';
    const perInstance = await Promise.all(instances.map((i) => served(i, route)));
    console.log(
      `[two-instances] lost-link limit ${LOST_LINK_LIMIT}: statuses ${statuses.join(',')}; answered per instance ${perInstance.join('/')}`,
    );
    expect(perInstance.every((n) => n > 0)).toBe(true);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(LOST_LINK_LIMIT);
    expect(statuses.slice(LOST_LINK_LIMIT).every((s) => s === 429)).toBe(true);
  });

  it('refuses a proof of work spent on the other instance, and replays the other’s idempotent answer', async () => {
    const [one, two] = instances;
    if (!one || !two) throw new Error('two instances expected');
    const filing = newFiling(`replay-${randomBytes(4).toString('hex')}`);
    const first = await submitFiling(one.url, filing);
    expect(first.status).toBe(201);
    // The same key and body on the other instance: the stored answer, not a second appeal.
    const retry = await submitFiling(two.url, filing);
    expect(retry.status).toBe(201);
    expect(retry.json.appealId).toBe(first.json.appealId);
    expect(retry.json.registrationNumber).toBe(first.json.registrationNumber);
    // The same key with another body: refused by the other instance too.
    const reused = await submitFiling(two.url, {
      ...filing,
      body: String(filing.body).replace('Прашу', 'Прошу'),
    });
    expect([409, 422]).toContain(reused.status);
    expect(reused.json.code).toBe('idempotency-key-reused');
    // The same proof of work under a new key: spent already.
    const replay = await submitFiling(two.url, { ...newFiling('again'), body: String(filing.body) });
    expect(replay.status).toBe(409);
    expect(replay.json.code).toBe('proof-of-work-replayed');
    const db = await openDatabase({ kind: 'postgres', url });
    try {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals WHERE text = $1', [
        filing.text,
      ]);
      expect(row?.n).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('delivers each mail once while both outbox workers run', async () => {
    const before = mailbox.messages.length;
    const numbers: string[] = [];
    await Promise.all(
      Array.from({ length: MAILS }, async (_, i) => {
        const instance = instances[i % 2];
        if (!instance) throw new Error('no instance');
        const filing = newFiling(`mail-${i}`);
        await prepareFiling(instance.url, filing);
        const answer = await submitFiling(instance.url, filing);
        expect(answer.status).toBe(201);
        numbers.push(String(answer.json.registrationNumber));
      }),
    );
    const db = await openDatabase({ kind: 'postgres', url });
    const mailStarted = performance.now();
    let sent = -1;
    let drainedMs = -1;
    try {
      for (;;) {
        const [row] = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
        );
        if (row?.n === 0 && mailbox.messages.length - before >= numbers.length) break;
        if (performance.now() - mailStarted > 30_000)
          throw new Error(`outbox not drained: ${row?.n} pending`);
        await sleep(100);
      }
      drainedMs = Math.round(performance.now() - mailStarted);
      // Give a second delivery every chance to happen, then count.
      await sleep(1500);
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NOT NULL',
      );
      sent = row?.n ?? -1;
    } finally {
      await db.close();
    }
    const received = mailbox.messages.slice(before);
    const perNumber = numbers.map((n) => received.filter((m) => m.text.includes(n)).length);
    console.log(
      `[two-instances] ${numbers.length} filings on two instances → mails per appeal ${perNumber.join(',')}; ` +
        `${mailbox.messages.length} received for ${sent} outbox rows sent in this run (drained in ${drainedMs} ms)`,
    );
    expect(perNumber.every((count) => count === 1)).toBe(true);
    // Every mail of the run (the earlier tests' receipts too) arrived exactly once.
    expect(mailbox.messages).toHaveLength(sent);
  });
});
