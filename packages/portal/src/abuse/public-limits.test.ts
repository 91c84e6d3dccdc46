/**
 * Every public endpoint is rate limited (the applicant's page and files, the cached reads, the code
 * check), e-mail codes also per address, 429 answers carry Retry-After, and a retry of an idempotent
 * write is answered from its stored answer before any limit counts it.
 */
import { randomUUID } from 'node:crypto';
import { AppealReceipt, AttachmentUpload, PowChallenge, Problem } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createKeyRing } from '../security/keys.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { createIntakeGuard, type IntakeAction, type IntakeLimit } from './intake-guard.ts';
import { solveChallenge } from './pow.ts';
import { MemoryRateLimitStore } from './rate-limit.ts';

const backends = (await testBackends()).filter((backend) => backend.name === 'pglite');
const SITE = 'http://localhost:8788';
const tight = (perClient: number): IntakeLimit => ({ perClient, perOrganization: 10_000, windowMs: 60_000 });

describe.each(backends)('public rate limits on $name', (backend) => {
  let app: ReturnType<typeof createApp>;

  const db = useDemoDatabase(backend, {
    setup: async () => {
      const keys = createKeyRing(db, 'limits-test');
      const limits: Partial<Record<IntakeAction, IntakeLimit>> = {
        'appeal-read': tight(3),
        'public-read': tight(2),
        'file-appeal': tight(1),
        'email-code-recipient': { perClient: 1, perOrganization: 1, windowMs: 60_000 },
      };
      const guard = createIntakeGuard({
        store: new MemoryRateLimitStore(),
        trustProxy: true,
        hashAddress: (address) => keys.sign('rate-limit', address),
        limits,
      });
      app = createApp({ db: db, keys, pow: { maxNumber: 200 }, intakeGuard: guard });
    },
  });

  const from = (ip: string, headers: Record<string, string> = {}) => ({
    'X-Forwarded-For': ip,
    Origin: SITE,
    ...headers,
  });
  const post = (path: string, body: unknown, ip: string, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: from(ip, { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), ...headers }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const limited = async (res: Response) => {
    expect(res.status).toBe(429);
    expect(v.parse(Problem, await res.json()).code).toBe('rate-limited');
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
  };
  async function byBody(ip: string) {
    const challenge = await post('/v1/organizations/demo-by/challenges', {}, ip);
    return belarusianAppeal(
      'limits@example.com',
      solveChallenge(v.parse(PowChallenge, await challenge.json())),
      {
        text: 'Прашу растлумачыць.',
      },
    );
  }

  it('a retry is replayed before the limit; a new filing from the address is refused with Retry-After', async () => {
    const body = JSON.stringify(await byBody('198.51.100.1'));
    const key = randomUUID();
    const first = await post('/v1/organizations/demo-by/appeals', body, '198.51.100.1', {
      'Idempotency-Key': key,
    });
    expect(first.status).toBe(201);
    const retry = await post('/v1/organizations/demo-by/appeals', body, '198.51.100.1', {
      'Idempotency-Key': key,
    });
    expect(retry.status).toBe(201);
    expect(await retry.text()).toBe(await first.text());
    await limited(
      await post('/v1/organizations/demo-by/appeals', await byBody('198.51.100.1'), '198.51.100.1'),
    );
  });

  it("the applicant's page and files are limited together per address", async () => {
    const ip = '198.51.100.2';
    const boundary = 'limits';
    const uploaded = await app.request('/v1/organizations/demo-by/attachments', {
      method: 'POST',
      headers: from(ip, { 'Content-Type': `multipart/form-data; boundary=${boundary}` }),
      body:
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`,
    });
    const file = v.parse(AttachmentUpload, await uploaded.json());
    const filed = await post(
      '/v1/organizations/demo-by/appeals',
      { ...(await byBody(ip)), attachmentIds: [file.id] },
      ip,
    );
    const receipt = v.parse(AppealReceipt, await filed.json());
    const get = (path: string, address: string) =>
      app.request(path, { headers: from(address, { Authorization: `Bearer ${receipt.accessSecret}` }) });
    const page = `/v1/appeals/${receipt.appealId}`;
    const download = `${page}/attachments/${file.id}`;
    expect((await get(page, ip)).status).toBe(200);
    expect((await get(download, ip)).status).toBe(200);
    expect((await get(page, ip)).status).toBe(200);
    await limited(await get(download, ip));
    await limited(await get(page, ip));
    // Another address is not affected.
    expect((await get(page, '198.51.100.3')).status).toBe(200);
  });

  it('cached public reads are limited per address', async () => {
    const counter = '/v1/organizations/demo-by/appeal-counter';
    const read = (ip: string) => app.request(counter, { headers: from(ip) });
    expect((await read('198.51.100.4')).status).toBe(200);
    expect((await read('198.51.100.4')).status).toBe(200);
    await limited(await read('198.51.100.4'));
    await limited(await app.request('/v1/spheres', { headers: from('198.51.100.4') }));
    expect((await read('198.51.100.5')).status).toBe(200);
  });

  it('e-mail codes are limited per address as well as per network address', async () => {
    const ask = (org: string, email: string, ip: string) =>
      post(`/v1/organizations/${org}/identity/email-code`, { email }, ip);
    expect((await ask('demo-school', 'pupil@example.com', '203.0.113.1')).status).toBe(202);
    // The same address from another network address and organisation: refused.
    await limited(await ask('demo-by', 'Pupil@Example.com', '203.0.113.2'));
    // Another address from that network address: fine.
    expect((await ask('demo-by', 'other@example.com', '203.0.113.2')).status).toBe(202);
  });
});
