import {
  CriteriaSet,
  Problem,
  RatingFormSettings,
  RatingSummary,
  WidgetSettings,
} from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../openapi/document.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { ratingHarness, SITE } from '../testing/rating-harness.ts';

const backends = await testBackends();

/** Belarusian organisations without a settings row (defaults: by-base, anonymous). */
const ORGANIZATIONS = ['rs-school', 'rs-club', 'rs-other'] as const;

describe.each(backends)('staff rating settings on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let h: ReturnType<typeof ratingHarness>;
  const keys: Record<string, string> = {};

  const db = useDemoDatabase(backend, {
    setup: async () => {
      for (const id of ORGANIZATIONS) {
        await db.query(
          `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, time_zone)
           VALUES ($1, $1, 'BY', 'by-300z', 'education', 'school', 'Europe/Minsk')`,
          [id],
        );
        await db.query('INSERT INTO organization_origins VALUES ($1, $2)', [id, SITE]);
        await db.query(`INSERT INTO services (organization_id, id, name) VALUES ($1, 'lessons', 'Уроки')`, [
          id,
        ]);
        keys[id] = await createApiKey(db, id);
      }
      h = ratingHarness(db, { logger: { log() {} } });
    },
  });

  const send = (method: string, path: string, body: unknown, key?: string) =>
    h.app.request(path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(key === undefined ? {} : { Authorization: `Bearer ${key}` }),
      },
      body: JSON.stringify(body),
    });
  const patch = (org: string, body: unknown, key = keys[org]) =>
    send('PATCH', `/v1/staff/organizations/${org}/rating-settings`, body, key);
  const put = (org: string, setId: string, body: unknown, key = keys[org]) =>
    send('PUT', `/v1/staff/organizations/${org}/criteria-sets/${setId}`, body, key);
  const widget = async (org: string) =>
    v.parse(WidgetSettings, await (await h.get(`/v1/organizations/${org}/widget-settings`)).json()).ratings;
  const summary = async (org: string) =>
    v.parse(RatingSummary, await (await h.get(`/v1/organizations/${org}/rating`)).json());
  const issuePaths = async (res: Response) => {
    expect(res.status).toBe(422);
    const problem = v.parse(Problem, await res.json());
    expect(problem.code).toBe('validation-failed');
    return (problem.issues ?? []).map((i) => i.path).sort();
  };
  const label = (en: string) => ({ en });

  test('PATCH upserts the settings from the defaults and the widget settings show it at once', async () => {
    expect(await widget('rs-school')).toMatchObject({ serviceDateMaxAgeDays: 90, ratingPageUrl: null });
    const res = await patch('rs-school', {
      serviceDateMaxAgeDays: 30,
      commentMaxLength: 200,
      ratingPageUrl: 'https://school.example/rate',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const settings = v.parse(RatingFormSettings, await res.json());
    expect(settings).toMatchObject({
      enabled: true,
      serviceDateMaxAgeDays: 30,
      commentMaxLength: 200,
      identification: 'anonymous',
      ratingPageUrl: 'https://school.example/rate',
    });
    expect(settings.criteriaSet.id).toBe('by-base');
    expect(await widget('rs-school')).toEqual(settings);

    // Fields left out keep their value; null clears the page URL.
    const second = v.parse(
      RatingFormSettings,
      await (await patch('rs-school', { enabled: false, ratingPageUrl: null })).json(),
    );
    expect(second).toMatchObject({
      enabled: false,
      serviceDateMaxAgeDays: 30,
      commentMaxLength: 200,
      ratingPageUrl: null,
    });
    expect(await widget('rs-school')).toEqual(second);
    await h.problem(await h.submit('rs-school', await h.body('rs-school')), 409, 'ratings-disabled');
    // Each change is in the audit log with the fields it touched, never their values.
    const audited = await db.query<{ details: unknown }>(
      `SELECT details FROM audit_log WHERE organization_id = 'rs-school' AND action = 'rating-settings.update'
       ORDER BY at, id`,
    );
    expect(
      audited.map((row) => (typeof row.details === 'string' ? JSON.parse(row.details) : row.details)),
    ).toEqual([
      { fields: ['serviceDateMaxAgeDays', 'commentMaxLength', 'ratingPageUrl'] },
      { fields: ['enabled', 'ratingPageUrl'] },
    ]);
    expect((await patch('rs-school', { enabled: true })).status).toBe(200);
  });

  test("identification 'required' makes a rating without an identity token fail", async () => {
    expect((await patch('rs-school', { identification: 'required' })).status).toBe(200);
    await h.problem(await h.submit('rs-school', await h.body('rs-school')), 422, 'identity-required');
    const token = await h.identityToken('rs-school', 'parent@example.org');
    const res = await h.submit('rs-school', await h.body('rs-school', 4, { identityToken: token }));
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await patch('rs-school', { identification: 'anonymous' })).status).toBe(200);
    await h.rate('rs-school', 5);
  });

  test('a custom set via PUT, then PATCH criteriaSetId: the summary lists its criteria', async () => {
    // Read (and cache) the summary under by-base first: the change must not leave it stale.
    const before = await summary('rs-club');
    expect(before.criteriaSetId).toBe('by-base');
    await h.rate('rs-club', 3);
    const old = await summary('rs-club');
    expect(old.count).toBe(1);

    const set = {
      name: { ru: 'Кружки', en: 'Clubs' },
      criteria: [
        { id: 'courtesy', label: label('Courtesy') },
        { id: 'cleanliness', label: label('Cleanliness') },
      ],
    };
    const res = await put('rs-club', 'rs-club-set', set);
    expect(res.status).toBe(200);
    expect(v.parse(CriteriaSet, await res.json())).toEqual({ id: 'rs-club-set', ...set });
    // Not used yet: the summary keeps by-base.
    expect((await summary('rs-club')).criteriaSetId).toBe('by-base');

    const changed = await patch('rs-club', { criteriaSetId: 'rs-club-set' });
    expect(changed.status).toBe(200);
    expect(v.parse(RatingFormSettings, await changed.json()).criteriaSet).toEqual({
      id: 'rs-club-set',
      ...set,
    });
    const now = await summary('rs-club');
    expect(now.criteriaSetId).toBe('rs-club-set');
    // courtesy was also a by-base criterion: its earlier score still counts.
    expect(now.criteria.map((c) => [c.id, c.count])).toEqual([
      ['courtesy', 1],
      ['cleanliness', 0],
    ]);

    // Replacing the set in use: new criteria and order show at once; old scores stay stored.
    const replaced = {
      name: label('Clubs'),
      criteria: [
        { id: 'cleanliness', label: label('Clean') },
        { id: 'noise', label: label('Quiet') },
      ],
    };
    expect((await put('rs-club', 'rs-club-set', replaced)).status).toBe(200);
    expect((await summary('rs-club')).criteria.map((c) => c.id)).toEqual(['cleanliness', 'noise']);
    const [scores] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rating_scores s JOIN ratings r ON r.id = s.rating_id
       WHERE r.organization_id = 'rs-club'`,
    );
    expect(scores?.n).toBe(4);

    // A rating now scores the new criteria.
    const res2 = await h.submit(
      'rs-club',
      await h.body('rs-club', 5, { scores: { cleanliness: 5, noise: 3 } }),
    );
    expect(res2.status, await res2.clone().text()).toBe(201);
    expect((await summary('rs-club')).criteria.map((c) => [c.id, c.average])).toEqual([
      ['cleanliness', 5],
      ['noise', 3],
    ]);
  });

  test('built-in or foreign set ids: 409 on PUT, 422 on PATCH', async () => {
    const set = { name: label('Mine'), criteria: [{ id: 'speed', label: label('Speed') }] };
    for (const id of ['by-base', 'ru-nok', 'rs-club-set']) {
      await h.problem(await put('rs-other', id, set), 409, 'conflict', 'criteria-set-id-taken');
    }
    expect((await widget('rs-club')).criteriaSet.criteria.map((c) => c.id)).toEqual(['cleanliness', 'noise']);
    expect(await issuePaths(await patch('rs-other', { criteriaSetId: 'rs-club-set' }))).toEqual([
      'body.criteriaSetId',
    ]);
    expect(await issuePaths(await patch('rs-other', { criteriaSetId: 'no-such-set' }))).toEqual([
      'body.criteriaSetId',
    ]);
    expect((await widget('rs-other')).criteriaSet.id).toBe('by-base');
    // Built-in sets are for everybody.
    const ru = await patch('rs-other', { criteriaSetId: 'ru-nok' });
    expect(v.parse(RatingFormSettings, await ru.json()).criteriaSet.id).toBe('ru-nok');
  });

  test('only a key of the organisation itself: 401 without, 403 for another or an unknown organisation', async () => {
    const set = { name: label('X'), criteria: [{ id: 'x', label: label('X') }] };
    await h.problem(await patch('rs-school', { enabled: false }, keys['rs-other']), 403, 'forbidden');
    await h.problem(await put('rs-school', 'rs-school-set', set, keys['rs-other']), 403, 'forbidden');
    await h.problem(await patch('no-such-org', { enabled: false }, keys['rs-school']), 403, 'forbidden');
    await h.problem(await put('no-such-org', 'rs-x', set, keys['rs-school']), 403, 'forbidden');
    await h.problem(
      await send('PATCH', '/v1/staff/organizations/rs-school/rating-settings', {}),
      401,
      'unauthorized',
    );
    await h.problem(
      await send('PUT', '/v1/staff/organizations/rs-school/criteria-sets/x', set),
      401,
      'unauthorized',
    );
    expect((await widget('rs-school')).enabled).toBe(true);
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM criteria_sets WHERE id = 'rs-school-set'",
    );
    expect(row?.n).toBe(0);
  });

  test('bad bodies and parameters: 422 with the field paths', async () => {
    expect(
      await issuePaths(
        await patch('rs-school', {
          enabled: 'yes',
          serviceDateMaxAgeDays: 3651,
          commentMaxLength: -1,
          identification: 'sometimes',
          ratingPageUrl: 'ftp://school.example/rate',
        }),
      ),
    ).toEqual([
      'body.commentMaxLength',
      'body.enabled',
      'body.identification',
      'body.ratingPageUrl',
      'body.serviceDateMaxAgeDays',
    ]);
    expect(await issuePaths(await patch('rs-school', { criteriaSetId: 'Not An Id' }))).toEqual([
      'body.criteriaSetId',
    ]);
    const twice = { id: 'a', label: label('A') };
    expect(
      await issuePaths(await put('rs-school', 'rs-school-set', { name: {}, criteria: [twice, twice] })),
    ).toEqual(['body.criteria', 'body.name']);
    expect(
      await issuePaths(
        await put('rs-school', 'rs-school-set', {
          name: label('Many'),
          criteria: Array.from({ length: 11 }, (_, i) => ({ id: `c${i}`, label: label(`C${i}`) })),
        }),
      ),
    ).toEqual(['body.criteria']);
    expect(
      await issuePaths(await put('rs-school', 'rs-school-set', { name: label('None'), criteria: [] })),
    ).toEqual(['body.criteria']);
    expect(
      await issuePaths(
        await put('rs-school', 'rs-school-set', { name: label('Bad'), criteria: [{ id: 'Bad Id' }] }),
      ),
    ).toEqual(['body.criteria.0.id', 'body.criteria.0.label']);
    expect(
      await issuePaths(await put('rs-school', 'Bad_Set', { name: label('S'), criteria: [twice] })),
    ).toEqual(['params.setId']);
    expect((await widget('rs-school')).serviceDateMaxAgeDays).toBe(30);
  });

  test('the OpenAPI document lists both endpoints', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/v1/staff/organizations/{organizationId}/rating-settings']?.patch).toBeDefined();
    expect(doc.paths['/v1/staff/organizations/{organizationId}/criteria-sets/{setId}']?.put).toBeDefined();
  });
});
