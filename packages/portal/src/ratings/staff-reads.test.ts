import { randomUUID } from 'node:crypto';
import { Problem, pageOf, StaffRatingComment } from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';

const backends = await testBackends();
const quiet = { log() {} };

/**
 * region → district → school-a, school-b; `other` stands apart. All Belarusian (criteria by-base).
 * School A alone has a short name.
 */
const ORGANIZATIONS = [
  ['t-region', 'Управление образования области', null, null],
  ['t-district', 'Отдел образования района', 't-region', null],
  ['t-school-a', 'Средняя школа № 1', 't-district', 'СШ № 1'],
  ['t-school-b', 'Средняя школа № 2', 't-district', null],
  ['t-other', 'Чужая школа', null, null],
] as const;

/** RFC 4180 records of a CSV text (quotes, doubled quotes, separators and line breaks inside quotes). */
function parseCsv(text: string, separator = ','): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

describe.each(backends)('staff rating comments and export on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let app: ReturnType<typeof createApp>;
  const keys: Record<string, string> = {};

  async function rate(
    organizationId: string,
    at: string,
    scores: Record<string, number>,
    comment: string | null = null,
    criteriaSetId = 'by-base',
  ) {
    const id = randomUUID();
    const values = Object.values(scores);
    await db.query(
      `INSERT INTO ratings (id, organization_id, service_id, service_date, criteria_set_id, score_sum, score_count,
         comment, identified, rater_key, rated_on, created_at)
       VALUES ($1, $2, 'lessons', $3::date - 1, $4, $5, $6, $7, false, $8, $3::date, $9)`,
      [
        id,
        organizationId,
        at.slice(0, 10),
        criteriaSetId,
        values.reduce((a, b) => a + b, 0),
        values.length,
        comment,
        `secret-rater-${id}`,
        at,
      ],
    );
    await db.query(
      `INSERT INTO rating_scores (rating_id, criterion_id, score)
       SELECT $1, * FROM unnest($2::text[], $3::smallint[])`,
      [id, Object.keys(scores), values],
    );
    return id;
  }
  const all = (score: number) => ({ simplicity: score, information: score, term: score, courtesy: score });

  const db = useDemoDatabase(backend, {
    setup: async () => {
      for (const [id, name, parent, shortName] of ORGANIZATIONS) {
        await db.query(
          `INSERT INTO organizations (id, name, short_name, country, jurisdiction, sphere, category, parent_id,
             time_zone)
           VALUES ($1, $2, $3, 'BY', 'by-300z', 'education', 'school', $4, 'Europe/Minsk')`,
          [id, name, shortName, parent],
        );
        await db.query(`INSERT INTO services (organization_id, id, name) VALUES ($1, 'lessons', 'Уроки')`, [
          id,
        ]);
        keys[id] = await createApiKey(db, id);
      }
      await rate('t-district', '2025-02-01T09:00:00Z', all(4), 'Отдел работает хорошо\nвторая строка');
      await rate('t-school-a', '2025-03-10T09:00:00Z', all(5), 'Спасибо, всё "отлично", на 5+');
      await rate('t-school-b', '2025-04-01T09:00:00Z', { ...all(2), courtesy: 1 }, '@SUM(1)');
      await rate('t-school-a', '2025-05-01T09:00:00Z', all(1), '=HYPERLINK("http://evil.example")');
      await rate('t-school-a', '2025-06-01T09:00:00Z', all(3));
      await rate('t-other', '2025-03-01T09:00:00Z', all(5), 'чужой отзыв');
      // A rating under another set (the school's set was changed since): its criteria get columns too.
      await rate(
        't-school-b',
        '2025-06-02T09:00:00Z',
        { openness: 4, comfort: 4, accessibility: 5, courtesy: 5, satisfaction: 4 },
        null,
        'ru-nok',
      );
      app = createApp({ db, logger: quiet });
    },
  });

  const get = (path: string, key?: string) =>
    app.request(path, key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } });
  const comments = async (org: string, key: string, query = '') => {
    const res = await get(`/v1/staff/organizations/${org}/rating-comments${query}`, key);
    expect(res.status).toBe(200);
    return v.parse(pageOf(StaffRatingComment), await res.json());
  };
  const problem = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(v.parse(Problem, await res.json()).code).toBe(code);
  };

  test("lists an organisation's comments newest first, with scores and service, never the rater", async () => {
    const res = await get('/v1/staff/organizations/t-school-a/rating-comments', keys['t-school-a']);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).not.toContain('secret-rater');
    const page = v.parse(pageOf(StaffRatingComment), JSON.parse(text));
    expect(page.total).toBe(2);
    expect(page.items.map((c) => c.comment)).toEqual([
      '=HYPERLINK("http://evil.example")',
      'Спасибо, всё "отлично", на 5+',
    ]);
    expect(page.items[1]).toMatchObject({
      organizationId: 't-school-a',
      organizationName: 'Средняя школа № 1',
      organizationShortName: 'СШ № 1',
      serviceId: 'lessons',
      serviceName: 'Уроки',
      serviceDate: '2025-03-09',
      scores: all(5),
      average: 5,
      identified: false,
      createdAt: '2025-03-10T09:00:00.000Z',
    });
  });

  test('includes the subordinates only when asked, and pages and filters by period', async () => {
    const own = await comments('t-district', keys['t-district'] as string);
    expect(own.items.map((c) => c.organizationId)).toEqual(['t-district']);
    const tree = await comments('t-district', keys['t-district'] as string, '?includeSubordinates=true');
    expect(tree.total).toBe(4);
    expect(tree.items.map((c) => [c.organizationId, c.organizationShortName])).toEqual([
      ['t-school-a', 'СШ № 1'],
      ['t-school-b', null],
      ['t-school-a', 'СШ № 1'],
      ['t-district', null],
    ]);
    const second = await comments(
      't-district',
      keys['t-district'] as string,
      '?includeSubordinates=true&limit=1&offset=1',
    );
    expect(second).toMatchObject({ total: 4, limit: 1, offset: 1 });
    expect(second.items.map((c) => c.comment)).toEqual(['@SUM(1)']);
    expect(second.items[0]?.average).toBe(1.75);
    const spring = await comments(
      't-district',
      keys['t-district'] as string,
      '?includeSubordinates=true&from=2025-04-01&to=2025-05-01',
    );
    expect(spring.items.map((c) => c.comment)).toEqual(['=HYPERLINK("http://evil.example")', '@SUM(1)']);
    await problem(
      await get(
        '/v1/staff/organizations/t-district/rating-comments?from=2025-05-02&to=2025-05-01',
        keys['t-district'],
      ),
      422,
      'validation-failed',
    );
  });

  test('lets a key read its subordinates at any depth and nobody else', async () => {
    // The region's key reads a school two levels down, and the whole tree from the top.
    expect((await comments('t-school-a', keys['t-region'] as string)).total).toBe(2);
    const tree = await comments('t-region', keys['t-region'] as string, '?includeSubordinates=true');
    expect(tree.total).toBe(4);
    expect(tree.items.some((c) => c.organizationId === 't-other')).toBe(false);
    for (const [org, key] of [
      ['t-district', 't-school-a'],
      ['t-school-b', 't-school-a'],
      ['t-school-a', 't-other'],
      ['no-such-org', 't-region'],
    ] as const) {
      await problem(await get(`/v1/staff/organizations/${org}/rating-comments`, keys[key]), 403, 'forbidden');
      await problem(await get(`/v1/staff/organizations/${org}/ratings.csv`, keys[key]), 403, 'forbidden');
    }
    await problem(await get('/v1/staff/organizations/t-school-a/rating-comments'), 401, 'unauthorized');
    await problem(await get('/v1/staff/organizations/t-school-a/ratings.csv'), 401, 'unauthorized');
  });

  test('records each read in the audit log', async () => {
    await comments('t-school-b', keys['t-district'] as string, '?from=2025-01-01');
    await (await get('/v1/staff/organizations/t-school-b/ratings.csv', keys['t-district'])).text();
    const rows = await db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_log a JOIN api_keys k ON k.id = a.actor
       WHERE k.organization_id = 't-district' AND a.details->>'organizationId' = 't-school-b' ORDER BY a.id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['rating.comments', 'rating.export']);
    expect(rows[0]?.details).toMatchObject({ from: '2025-01-01', includeSubordinates: false, count: 1 });
  });

  test('exports every rating as CSV that spreadsheets open safely', async () => {
    const res = await get(
      '/v1/staff/organizations/t-district/ratings.csv?includeSubordinates=true',
      keys['t-district'],
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="ratings-t-district.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...rows] = parseCsv(text);
    // by-base in its order, then the criteria of ru-nok not already there (courtesy is shared).
    expect(header).toEqual([
      'Номер оценки',
      'Дата и время оценки',
      'Код организации',
      'Организация',
      'Код услуги',
      'Услуга',
      'Дата оказания услуги',
      'Простота и понятность процедуры',
      'Доступность информации о порядке получения услуги',
      'Соблюдение установленного срока',
      'Вежливость и доброжелательность работников',
      'Открытость и доступность информации об организации',
      'Комфортность условий предоставления услуг',
      'Доступность услуг для инвалидов',
      'Удовлетворённость условиями оказания услуг',
      'Средняя оценка',
      'Оценка идентифицирована',
      'Комментарий',
    ]);
    // Organisation by organisation (the asked one first), oldest first within each.
    expect(rows.map((r) => [r[2], r[17]])).toEqual([
      ['t-district', 'Отдел работает хорошо\nвторая строка'],
      ['t-school-a', 'Спасибо, всё "отлично", на 5+'],
      ['t-school-a', '\'=HYPERLINK("http://evil.example")'],
      ['t-school-a', ''],
      ['t-school-b', "'@SUM(1)"],
      ['t-school-b', ''],
    ]);
    expect(rows[0]?.slice(1, 16)).toEqual([
      '2025-02-01 12:00:00',
      't-district',
      'Отдел образования района',
      'lessons',
      'Уроки',
      '2025-01-31',
      '4',
      '4',
      '4',
      '4',
      '',
      '',
      '',
      '',
      '4',
    ]);
    expect(rows[5]?.slice(7, 16)).toEqual(['', '', '', '5', '4', '4', '5', '4', '4.4']);
    expect(text).not.toContain('secret-rater');
  });

  test('writes semicolons and decimal commas for Excel with Russian regional settings', async () => {
    const res = await get(
      '/v1/staff/organizations/t-school-b/ratings.csv?separator=semicolon&from=2025-04-01&to=2025-04-30',
      keys['t-school-b'],
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ratings-t-school-b-2025-04-01-2025-04-30.csv"',
    );
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''), ';');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(7, 13)).toEqual(['2', '2', '2', '1', '1,75', 'нет']);
  });

  test('streams an organisation with more ratings than one batch, each once', async () => {
    const ids = Array.from({ length: 2_300 }, () => randomUUID());
    await db.query(
      `INSERT INTO ratings (id, organization_id, service_id, service_date, criteria_set_id, score_sum, score_count,
         identified, rater_key, rated_on, created_at)
       SELECT id, 't-other', 'lessons', '2025-01-01', 'by-base', 20, 4, false, 'k' || n, '2025-01-02',
         '2025-01-02T10:00:00Z'::timestamptz + (n % 7) * interval '1 minute'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t (id, n)`,
      [ids],
    );
    const res = await get('/v1/staff/organizations/t-other/ratings.csv', keys['t-other']);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, '')).slice(1);
    expect(rows).toHaveLength(2_301);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2_301);
  });
});
