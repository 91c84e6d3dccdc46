import { randomUUID } from 'node:crypto';
import { RatingSummary, WidgetSettings } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createIntakeGuard } from '../abuse/intake-guard.ts';
import { MemoryRateLimitStore } from '../abuse/rate-limit.ts';
import { addDays } from '../dates.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { ratingHarness, SITE } from '../testing/rating-harness.ts';

const backends = await testBackends();

describe.each(backends)('rating submission on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let h: ReturnType<typeof ratingHarness>;
  const ratingsOf = async (org: string) =>
    (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ratings WHERE organization_id = $1', [
        org,
      ])
    )[0]?.n ?? -1;

  /** A Russian organisation with its own settings row (and, optionally, its own criteria set). */
  async function organization(id: string, settings: Record<string, unknown> = {}) {
    await db.query(
      `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, time_zone)
       VALUES ($1, $1, 'RU', 'generic', 'culture', 'club', 'Europe/Moscow')`,
      [id],
    );
    await db.query(`INSERT INTO organization_origins VALUES ($1, $2)`, [id, SITE]);
    await db.query(`INSERT INTO services (organization_id, id, name) VALUES ($1, 'visit', 'Visit')`, [id]);
    const row = { criteria_set_id: 'ru-nok', ...settings };
    const columns = Object.keys(row);
    await db.query(
      `INSERT INTO organization_rating_settings (organization_id, ${columns.join(', ')})
       VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')})`,
      [id, ...Object.values(row)],
    );
  }

  const db = useDemoDatabase(backend, {
    setup: async () => {
      await db.query(
        `INSERT INTO criteria_sets (id, name, organization_id) VALUES ('club-set', '{"en": "Club"}', NULL)`,
      );
      await organization('club', { criteria_set_id: 'club-set' });
      await db.query(`UPDATE criteria_sets SET organization_id = 'club' WHERE id = 'club-set'`);
      await db.query(
        `INSERT INTO criteria (set_id, id, label, position) VALUES
           ('club-set', 'cleanliness', '{"en": "Cleanliness"}', 1), ('club-set', 'staff', '{"en": "Staff"}', 2)`,
      );
      await organization('closed', { enabled: false });
      await organization('strict', { identification: 'required' });
      await organization('silent', { comment_max_length: 0 });
      h = ratingHarness(db);
    },
  });

  test('widget settings: defaults by country without a row, the row where there is one', async () => {
    const by = v.parse(
      WidgetSettings,
      await (await h.get('/v1/organizations/demo-by/widget-settings')).json(),
    );
    expect(by.ratings).toMatchObject({
      enabled: true,
      serviceDateMaxAgeDays: 90,
      commentMaxLength: 1000,
      identification: 'anonymous',
      identity: { emailCode: true, oidcProviders: [] },
      ratingPageUrl: null,
    });
    expect(by.ratings.criteriaSet.id).toBe('by-base');
    expect(by.ratings.criteriaSet.criteria.map((c) => c.id)).toEqual([
      'simplicity',
      'information',
      'term',
      'courtesy',
    ]);
    const ru = v.parse(
      WidgetSettings,
      await (await h.get('/v1/organizations/demo-school-2/widget-settings')).json(),
    );
    expect(ru.ratings.criteriaSet.criteria.map((c) => c.id)).toEqual([
      'openness',
      'comfort',
      'accessibility',
      'courtesy',
      'satisfaction',
    ]);
    const school = v.parse(
      WidgetSettings,
      await (await h.get('/v1/organizations/demo-school/widget-settings')).json(),
    );
    expect(school.ratings.identification).toBe('optional');
    const closed = v.parse(
      WidgetSettings,
      await (await h.get('/v1/organizations/closed/widget-settings')).json(),
    );
    expect(closed.ratings.enabled).toBe(false);
  });

  test('scores must be exactly the criteria of the organisation set: by-base, ru-nok, its own', async () => {
    expect((await h.rate('demo-by', 4)).summary.criteriaSetId).toBe('by-base');
    expect((await h.rate('demo-school-2', 4)).summary.criteriaSetId).toBe('ru-nok');
    const club = await h.rate('club', [5, 3]);
    expect(club.summary).toMatchObject({ criteriaSetId: 'club-set', count: 1, average: 4 });
    expect(club.summary.criteria.map((c) => [c.id, c.average])).toEqual([
      ['cleanliness', 5],
      ['staff', 3],
    ]);
    // by-base scores sent to a ru-nok organisation: every missing and every unknown id is named.
    const byScores = await h.scores('demo-by', 5);
    const wrong = await h.problem(
      await h.submit('demo-school-2', await h.body('demo-school-2', 5, { scores: byScores })),
      422,
      'validation-failed',
    );
    expect(wrong.issues?.map((i) => i.path).sort()).toEqual(
      [
        'body.scores.openness',
        'body.scores.comfort',
        'body.scores.accessibility',
        'body.scores.satisfaction',
        'body.scores.simplicity',
        'body.scores.information',
        'body.scores.term',
      ].sort(),
    );
    const partial = await h.problem(
      await h.submit('club', await h.body('club', 5, { scores: { cleanliness: 5 } })),
      422,
      'validation-failed',
    );
    expect(partial.issues).toEqual([{ path: 'body.scores.staff', message: 'Score this criterion' }]);
    expect(await ratingsOf('club')).toBe(1);
  });

  test('criteria no longer in the set leave the per-criterion lines but count in the average', async () => {
    await db.query(`DELETE FROM criteria WHERE set_id = 'club-set' AND id = 'staff'`);
    const fresh = ratingHarness(db);
    const summary = v.parse(RatingSummary, await (await fresh.get('/v1/organizations/club/rating')).json());
    expect(summary.criteria.map((c) => c.id)).toEqual(['cleanliness']);
    expect(summary.average).toBe(4);
    await db.query(
      `INSERT INTO criteria (set_id, id, label, position) VALUES ('club-set', 'staff', '{"en": "Staff"}', 2)`,
    );
  });

  test('service date: not in the future (local day), not older than allowed, a real date', async () => {
    h.clock.now = new Date('2025-06-15T10:00:00Z');
    const dateIssue = async (serviceDate: string) => {
      const res = await h.submit('demo-school-2', await h.body('demo-school-2', 5, { serviceDate }));
      const body = await h.problem(res, 422, 'validation-failed');
      return body.issues;
    };
    expect(await dateIssue('2025-06-16')).toEqual([
      { path: 'body.serviceDate', message: 'Must not be after today (2025-06-15 in Europe/Moscow)' },
    ]);
    expect(await dateIssue(addDays('2025-06-15', -91))).toEqual([
      { path: 'body.serviceDate', message: 'Must be at most 90 days ago (on or after 2025-03-17)' },
    ]);
    expect(await dateIssue('2025-02-30')).toEqual([
      { path: 'body.serviceDate', message: 'Not a calendar date' },
    ]);
    expect((await dateIssue('yesterday'))?.map((i) => i.path)).toEqual(['body.serviceDate']);
    // The boundary: exactly 90 days ago is accepted.
    await h.rate('demo-school-2', 5, { serviceDate: '2025-03-17' });
    // 22:30 UTC is already the next day in Moscow: that day is "today", not the future.
    h.clock.now = new Date('2025-06-15T22:30:00Z');
    await h.rate('demo-school-2', 5, { serviceDate: '2025-06-16' });
  });

  test('one rating per device, service and local day; another service or the next day is fine', async () => {
    h.clock.now = new Date('2025-06-20T09:00:00Z');
    const first = await h.body('demo-by', 5);
    expect((await h.submit('demo-by', first)).status).toBe(201);
    const again = { ...first, proofOfWork: await h.pow('demo-by') };
    await h.problem(await h.submit('demo-by', again), 409, 'already-rated');
    expect(
      (await h.submit('demo-by', { ...first, serviceId: 'day-care', proofOfWork: await h.pow('demo-by') }))
        .status,
    ).toBe(201);
    h.clock.now = new Date('2025-06-21T09:00:00Z');
    expect(
      (
        await h.submit('demo-by', {
          ...first,
          serviceDate: '2025-06-21',
          proofOfWork: await h.pow('demo-by'),
        })
      ).status,
    ).toBe(201);
  });

  test('concurrent duplicates under different keys: the unique key lets exactly one in', async () => {
    h.clock.now = new Date('2025-06-22T09:00:00Z');
    const base = await h.body('demo-school-2', 4);
    const bodies = await Promise.all(
      Array.from({ length: 8 }, async () => ({ ...base, proofOfWork: await h.pow('demo-school-2') })),
    );
    const before = await ratingsOf('demo-school-2');
    const statuses = (await Promise.all(bodies.map((b) => h.submit('demo-school-2', b)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(await ratingsOf('demo-school-2')).toBe(before + 1);
  });

  test('an identified person rates once per service and day, whatever the device', async () => {
    h.clock.now = new Date('2025-06-23T09:00:00Z');
    const token = await h.identityToken('demo-school', 'Parent@Example.com');
    const first = await h.rate('demo-school', 5, { identityToken: token });
    expect(first.identified).toBe(true);
    const sameTokenOtherDevice = await h.body('demo-school', 5, { identityToken: token });
    await h.problem(await h.submit('demo-school', sameTokenOtherDevice), 409, 'already-rated');
    const sameEmail = await h.identityToken('demo-school', 'parent@example.com');
    await h.problem(
      await h.submit('demo-school', await h.body('demo-school', 5, { identityToken: sameEmail })),
      409,
      'already-rated',
    );
    const other = await h.rate('demo-school', 5, {
      identityToken: await h.identityToken('demo-school', 'b@example.com'),
    });
    expect(other.identified).toBe(true);
    // Without a token (optional): counted as a device.
    expect((await h.rate('demo-school', 5)).identified).toBe(false);
  });

  test('identification: required needs a valid token for this organisation; anonymous ignores one', async () => {
    await h.problem(await h.submit('strict', await h.body('strict')), 422, 'identity-required');
    const forged = `${'x'.repeat(30)}.${'0'.repeat(64)}`;
    await h.problem(
      await h.submit('strict', await h.body('strict', 5, { identityToken: forged })),
      422,
      'identity-invalid',
    );
    const foreign = await h.identityToken('demo-school', 'a@example.com');
    await h.problem(
      await h.submit('strict', await h.body('strict', 5, { identityToken: foreign })),
      422,
      'identity-invalid',
    );
    const ok = await h.rate('strict', 5, { identityToken: await h.identityToken('strict', 'a@example.com') });
    expect(ok.identified).toBe(true);
    const anonymous = await h.rate('demo-by', 5, {
      identityToken: await h.identityToken('demo-by', 'a@example.com'),
    });
    expect(anonymous.identified).toBe(false);
  });

  test('ratings switched off: 409 ratings-disabled, nothing written', async () => {
    await h.problem(await h.submit('closed', await h.body('closed')), 409, 'ratings-disabled');
    expect(await ratingsOf('closed')).toBe(0);
  });

  test('comments: at most commentMaxLength, refused where the organisation takes none', async () => {
    const long = await h.problem(
      await h.submit('demo-by', await h.body('demo-by', 5, { comment: 'я'.repeat(1001) })),
      422,
      'validation-failed',
    );
    expect(long.issues).toEqual([{ path: 'body.comment', message: 'At most 1000 characters' }]);
    await h.problem(
      await h.submit('silent', await h.body('silent', 5, { comment: 'Спасибо' })),
      422,
      'validation-failed',
    );
    await h.rate('silent', 5, { comment: '   ' });
    await h.rate('demo-by', 5, { comment: '  Спасибо!  ' });
    const [row] = await db.query<{ comment: string }>(
      `SELECT comment FROM ratings WHERE organization_id = 'demo-by' AND comment LIKE '%Спасибо!%'`,
    );
    expect(row?.comment).toBe('Спасибо!');
  });

  test('unknown service, malformed bodies and wrong media type are refused before any write', async () => {
    const before = await ratingsOf('demo-by');
    const service = await h.problem(
      await h.submit('demo-by', await h.body('demo-by', 5, { serviceId: 'no-such' })),
      422,
      'validation-failed',
    );
    expect(service.issues).toEqual([
      { path: 'body.serviceId', message: 'Not a service of this organisation' },
    ]);
    await h.problem(await h.submit('demo-by', '{"serviceId": '), 400, 'malformed-json');
    const res = await h.app.request('/v1/organizations/demo-by/ratings', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': randomUUID() },
      body: '{}',
    });
    await h.problem(res, 415, 'unsupported-media-type');
    const bad = await h.problem(
      await h.submit('demo-by', {
        ...(await h.body('demo-by')),
        scores: { simplicity: 6, information: 4.5, term: 5, courtesy: 5 },
        deviceId: 'short',
      }),
      422,
      'validation-failed',
    );
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(
      ['body.deviceId', 'body.scores.information', 'body.scores.simplicity'].sort(),
    );
    await h.problem(await h.submit('no-such-org', await h.body('demo-by')), 404, 'organization-not-found');
    expect(await ratingsOf('demo-by')).toBe(before);
  });

  test('Idempotency-Key: a replay returns the first receipt; 20 at once make one rating (409 while in flight); other body 422', async () => {
    h.clock.now = new Date('2025-06-24T09:00:00Z');
    const body = JSON.stringify(await h.body('demo-by', 3));
    const key = randomUUID();
    const before = await ratingsOf('demo-by');
    const first = await h.submit('demo-by', body, key);
    expect(first.status).toBe(201);
    const replay = await h.submit('demo-by', body, key);
    expect(replay.status).toBe(201);
    expect(await replay.text()).toBe(await first.text());
    expect(await ratingsOf('demo-by')).toBe(before + 1);

    const concurrent = JSON.stringify(await h.body('demo-by', 4));
    const sameKey = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => h.submit('demo-by', concurrent, sameKey)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(201);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    const created = await Promise.all(responses.filter((r) => r.status === 201).map((r) => r.text()));
    expect(new Set(created).size).toBe(1);
    const retried = await h.submit('demo-by', concurrent, sameKey);
    expect(await retried.text()).toBe(created[0]);
    expect(await ratingsOf('demo-by')).toBe(before + 2);

    const changed = JSON.stringify({ ...JSON.parse(body), comment: 'Другое' });
    await h.problem(await h.submit('demo-by', changed, key), 422, 'idempotency-key-reused');
    await h.problem(await h.submit('demo-by', body, null), 400, 'bad-request');
    expect(await ratingsOf('demo-by')).toBe(before + 2);
  });

  test('proof of work is single-use, as for appeals', async () => {
    const body = await h.body('demo-by', 5);
    expect((await h.submit('demo-by', body)).status).toBe(201);
    await h.problem(
      await h.submit('demo-by', { ...body, deviceId: 'another-device-0001' }),
      409,
      'proof-of-work-replayed',
    );
  });

  test('a foreign origin is refused; an allowed one gets the CORS headers', async () => {
    const body = await h.body('demo-by');
    await h.problem(
      await h.submit('demo-by', body, randomUUID(), { Origin: 'https://evil.example' }),
      403,
      'origin-not-allowed',
    );
    await h.problem(
      await h.get('/v1/organizations/demo-by/rating', { Origin: 'https://evil.example' }),
      403,
      'origin-not-allowed',
    );
    const ok = await h.submit('demo-by', body, randomUUID(), { Origin: SITE });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(SITE);
  });

  test('the summary is cached with ETag/304 and refreshed by a rating', async () => {
    const first = await h.get('/v1/organizations/demo-gymnasium-4/rating');
    expect(first.status).toBe(200);
    const etag = first.headers.get('ETag') ?? '';
    expect(first.headers.get('Cache-Control')).toMatch(/max-age=60/);
    const summary = v.parse(RatingSummary, await first.json());
    expect((await h.get('/v1/organizations/demo-gymnasium-4/rating', { 'If-None-Match': etag })).status).toBe(
      304,
    );
    const receipt = await h.rate('demo-gymnasium-4', 5);
    expect(receipt.summary.count).toBe(summary.count + 1);
    const after = await h.get('/v1/organizations/demo-gymnasium-4/rating', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(v.parse(RatingSummary, await after.json())).toEqual(receipt.summary);
  });

  test("rate-limited with the intake guard ('submit-rating')", async () => {
    const limited = ratingHarness(db, {
      intakeGuard: createIntakeGuard({
        store: new MemoryRateLimitStore(),
        hashAddress: async (a) => a,
        trustProxy: false,
        limits: { 'submit-rating': { perClient: 1, perOrganization: 1, windowMs: 60_000 } },
      }),
    });
    expect((await limited.submit('demo-by', await limited.body('demo-by'))).status).toBe(201);
    const res = await limited.submit('demo-by', await limited.body('demo-by'));
    await limited.problem(res, 429, 'rate-limited');
    expect(res.headers.get('Retry-After')).toBeTruthy();
  });
});
