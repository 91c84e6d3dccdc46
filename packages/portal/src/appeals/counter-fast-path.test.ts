/**
 * The counter answered from memory before routing (counter-fast-path.ts): once the ordinary path
 * has cached an answer, the same request is answered synchronously (no promise: @hono/node-server
 * writes it at once) with exactly the status, headers and body the ordinary path sends; anything it
 * cannot answer the same way takes the ordinary path; a filing shows on the badge at once.
 */
import { AppealCounter, PowChallenge } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { createLogger } from '../log.ts';
import { createKeyRing } from '../security/keys.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';

const backends = (await testBackends()).filter((backend) => backend.name === 'pglite');
const SITE = 'http://localhost:8788';
const COUNTER = '/v1/organizations/demo-school/appeal-counter';
const ROUTE = '/v1/organizations/:organizationId/appeal-counter';
const METRICS_TOKEN = 'fast-path-metrics-token-0123456789';

const request = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(`http://portal.test${path}`, { method, headers });
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => name !== 'date'));

describe.each(backends)('the cached counter on $name', (backend) => {
  const db = useDemoDatabase(backend);

  it('a cached answer is sent synchronously, the same as the ordinary path sends it', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', (line) => lines.push(JSON.parse(line)));
    let app = createApp({ db, logger });
    for (const headers of [{}, { Origin: SITE }]) {
      // A portal whose caches are empty: the first request takes the ordinary path and fills them.
      app = createApp({ db, logger, metricsToken: METRICS_TOKEN });
      const ordinary = app.fetch(request(COUNTER, headers));
      expect(ordinary).toBeInstanceOf(Promise);
      const slow = await ordinary;
      const fast = app.fetch(request(COUNTER, headers));
      expect(fast).toBeInstanceOf(Response);
      if (!(fast instanceof Response)) return;
      expect(fast.status).toBe(200);
      expect(headersOf(fast)).toEqual(headersOf(slow));
      expect(await fast.text()).toBe(await slow.text());

      // 304: compared with the ordinary path's 304 from a portal whose cache is still empty.
      const etag = fast.headers.get('etag') ?? '';
      const conditional = { ...headers, 'If-None-Match': etag };
      const slow304 = await createApp({ db, logger }).fetch(request(COUNTER, conditional));
      const fast304 = app.fetch(request(COUNTER, conditional));
      expect(fast304).toBeInstanceOf(Response);
      if (!(fast304 instanceof Response)) return;
      expect(fast304.status).toBe(304);
      expect(slow304.status).toBe(304);
      expect(headersOf(fast304)).toEqual(headersOf(slow304));
      expect(await fast304.text()).toBe('');
    }
    // Logged and counted like any request: the route pattern, never the organisation.
    const fastLines = lines.filter((line) => line.route === ROUTE);
    expect(fastLines.map((line) => line.status)).toEqual([200, 200, 304, 304, 200, 200, 304, 304]);
    expect(JSON.stringify(lines)).not.toContain('demo-school');
    const text = await (
      await app.request('/metrics', { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(text).toContain(`otklik_http_requests_total{method="GET",route="${ROUTE}",status="200"} 2`);
    expect(text).toContain(`otklik_http_requests_total{method="GET",route="${ROUTE}",status="304"} 1`);
  });

  it('whatever it cannot answer the same way takes the ordinary path', async () => {
    const app = createApp({ db });
    await app.request(COUNTER);
    await app.request(`${COUNTER}?on=2025-03-15`);
    expect(app.fetch(request(`${COUNTER}?on=2025-03-15`))).toBeInstanceOf(Response);
    const ordinary: [string, Record<string, string>, number, string?][] = [
      [COUNTER, { Origin: 'https://evil.example' }, 403],
      [`${COUNTER}?on=2025-02-30`, {}, 422],
      [`${COUNTER}?on=2999-01-01`, {}, 422],
      [`${COUNTER}?on=2025-03-15&x=1`, {}, 200],
      [`${COUNTER}/`, {}, 404],
      ['/v1/organizations/ghost/appeal-counter', {}, 404],
      ['/v1/organizations/demo%2Dschool/appeal-counter', {}, 200],
      [COUNTER, {}, 200, 'HEAD'],
    ];
    for (const [path, headers, status, method] of ordinary) {
      const answer = app.fetch(request(path, headers, method));
      expect(answer, `${method ?? 'GET'} ${path}`).toBeInstanceOf(Promise);
      expect((await answer).status, `${method ?? 'GET'} ${path}`).toBe(status);
    }
  });

  it('a guard that cannot count a read at once sends every read the ordinary way', async () => {
    let counted = 0;
    const app = createApp({
      db,
      intakeGuard: async () => {
        counted++;
      },
    });
    await app.request(COUNTER);
    const again = app.fetch(request(COUNTER));
    expect(again).toBeInstanceOf(Promise);
    expect((await again).status).toBe(200);
    expect(counted).toBe(2);
  });

  it('an appeal filed on this instance shows on its badge at once', async () => {
    const app = createApp({ db, keys: createKeyRing(db, 'fast-path-test'), pow: { maxNumber: 200 } });
    const badge = '/v1/organizations/demo-by/appeal-counter';
    const counter = async () => v.parse(AppealCounter, await (await app.request(badge)).json());
    const before = await counter();
    expect(app.fetch(request(badge))).toBeInstanceOf(Response);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const challenge = v.parse(
      PowChallenge,
      await (await post('/v1/organizations/demo-by/challenges', {})).json(),
    );
    const filed = await post(
      '/v1/organizations/demo-by/appeals',
      belarusianAppeal('fast-path@example.com', solveChallenge(challenge), {
        type: 'proposal',
        text: 'Прапаную паставіць яшчэ адну лаўку ля ўваходу.',
      }),
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(filed.status, await filed.clone().text()).toBe(201);
    const after = await counter();
    expect(after.month.received).toBe(before.month.received + 1);
    expect(after.month.byType.proposal).toBe(before.month.byType.proposal + 1);
  });
});
