import { createHash } from 'node:crypto';
import { localDate } from '../dates.ts';
import type { Database, Queryable } from '../db/types.ts';
import { rebuildRatingAggregates } from '../ratings/aggregates.ts';
import { DEFAULT_CRITERIA_SET } from '../ratings/settings.ts';
import { demoAppealContent } from './demo-applicants.ts';

/** Origins of the example "school site" (examples/site served by `pnpm demo`). */
export const DEMO_ORIGINS = ['http://localhost:8788', 'http://127.0.0.1:8788'];

interface DemoOrg {
  id: string;
  name: string;
  shortName: string | null;
  country: 'RU' | 'BY';
  jurisdiction: 'ru-59fz' | 'by-300z' | 'generic';
  sphere: string;
  category: string;
  parentId: string | null;
  address: string;
  website: string | null;
  lat: number;
  lon: number;
  timeZone: string;
  languages: string[];
  services: [id: string, name: string, description: string | null][];
  /** Appeal intake: `handoff` for Belarusian state bodies, which take appeals through обращения.бел. */
  appeals?: { mode: 'form' | 'handoff'; handoffUrl?: string; prefix: string };
  /** A rating settings row; none: the defaults. */
  ratings?: { identification: 'anonymous' | 'optional' | 'required' };
  /** The mean score its demo ratings scatter around. */
  quality: number;
}

type Names = { ru: string; be?: string; en: string };
/** Names of the demo's spheres and their categories, for the search filters. */
export const DEMO_SPHERES: { id: string; name: Names; categories: { id: string; name: Names }[] }[] = [
  {
    id: 'education',
    name: { ru: 'Образование', be: 'Адукацыя', en: 'Education' },
    categories: [
      { id: 'department', name: { ru: 'Органы управления образованием', en: 'Education authorities' } },
      { id: 'school', name: { ru: 'Школы', be: 'Школы', en: 'Schools' } },
    ],
  },
  {
    id: 'social',
    name: { ru: 'Социальная защита', be: 'Сацыяльная абарона', en: 'Social protection' },
    categories: [
      {
        id: 'social-service-centre',
        name: {
          ru: 'Центры социального обслуживания',
          be: 'Цэнтры сацыяльнага абслугоўвання',
          en: 'Social service centres',
        },
      },
    ],
  },
  {
    id: 'government',
    name: { ru: 'Органы власти', be: 'Органы ўлады', en: 'Government' },
    categories: [
      {
        id: 'executive-committee',
        name: { ru: 'Исполнительные комитеты', be: 'Выканаўчыя камітэты', en: 'Executive committees' },
      },
    ],
  },
];

const DEMO_TOPICS = [
  { id: 'education', name: 'Организация обучения' },
  { id: 'meals', name: 'Питание' },
  { id: 'safety', name: 'Безопасность' },
  { id: 'other', name: 'Другое' },
];
/** The personal-data consent document of the demo (a page of the example site). */
export const DEMO_CONSENT = {
  version: '2025-09-01',
  title: 'Согласие на обработку персональных данных',
  url: 'http://localhost:8788/consent.html',
};

const RU_SCHOOL_SERVICES: DemoOrg['services'] = [
  ['general-education', 'Общее образование', 'Начальное, основное и среднее общее образование'],
  ['extra-education', 'Дополнительное образование', 'Кружки и секции'],
  ['meals', 'Школьное питание', null],
];

const ru = (o: Omit<DemoOrg, 'country' | 'jurisdiction' | 'timeZone' | 'languages'>): DemoOrg => ({
  ...o,
  country: 'RU',
  jurisdiction: 'ru-59fz',
  timeZone: 'Europe/Moscow',
  languages: ['ru'],
});

export const DEMO_ORGANIZATIONS: DemoOrg[] = [
  ru({
    id: 'demo-edu-dept',
    quality: 4.2,
    name: 'Управление образования администрации города Демо',
    shortName: 'Управление образования',
    sphere: 'education',
    category: 'department',
    parentId: null,
    address: 'г. Демо, ул. Ленина, 1',
    website: 'http://localhost:8788',
    lat: 55.751,
    lon: 37.618,
    services: [
      ['school-enrolment', 'Зачисление в общеобразовательные организации', null],
      ['kindergarten-queue', 'Постановка в очередь в детский сад', null],
    ],
  }),
  ru({
    id: 'demo-school',
    quality: 4.5,
    ratings: { identification: 'optional' },
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»',
    shortName: 'МБОУ СОШ № 1',
    sphere: 'education',
    category: 'school',
    parentId: 'demo-edu-dept',
    address: 'г. Демо, ул. Школьная, 10',
    website: 'http://localhost:8788',
    lat: 55.76,
    lon: 37.62,
    services: RU_SCHOOL_SERVICES,
  }),
  ru({
    id: 'demo-school-2',
    quality: 3.9,
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 2»',
    shortName: 'МБОУ СОШ № 2',
    sphere: 'education',
    category: 'school',
    parentId: 'demo-edu-dept',
    address: 'г. Демо, ул. Садовая, 5',
    website: null,
    lat: 55.77,
    lon: 37.63,
    services: RU_SCHOOL_SERVICES,
  }),
  ru({
    id: 'demo-lyceum-3',
    quality: 4.6,
    name: 'Муниципальное автономное общеобразовательное учреждение «Лицей № 3»',
    shortName: 'МАОУ Лицей № 3',
    sphere: 'education',
    category: 'school',
    parentId: 'demo-edu-dept',
    address: 'г. Демо, пр. Мира, 21',
    website: null,
    lat: 55.74,
    lon: 37.6,
    services: RU_SCHOOL_SERVICES,
  }),
  ru({
    id: 'demo-gymnasium-4',
    quality: 3.6,
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 4»',
    shortName: 'МБОУ Гимназия № 4',
    sphere: 'education',
    category: 'school',
    parentId: 'demo-edu-dept',
    address: 'г. Демо, ул. Гагарина, 7',
    website: null,
    lat: 55.73,
    lon: 37.64,
    services: RU_SCHOOL_SERVICES,
  }),
  {
    id: 'demo-by',
    quality: 4.4,
    name: 'Государственное учреждение «Территориальный центр социального обслуживания населения Демо района»',
    shortName: 'ТЦСОН Демо района',
    country: 'BY',
    jurisdiction: 'by-300z',
    sphere: 'social',
    category: 'social-service-centre',
    parentId: null,
    address: 'г. Демо, вул. Незалежнасці, 3',
    website: 'http://localhost:8788',
    lat: 53.9,
    lon: 27.56,
    timeZone: 'Europe/Minsk',
    languages: ['be', 'ru'],
    services: [
      ['home-care', 'Социальное обслуживание на дому', null],
      ['day-care', 'Отделение дневного пребывания', null],
    ],
    appeals: { mode: 'form', prefix: 'ЗВ' },
  },
  {
    id: 'demo-by-state',
    quality: 4.1,
    name: 'Демо районный исполнительный комитет',
    shortName: 'Демо райисполком',
    country: 'BY',
    jurisdiction: 'by-300z',
    sphere: 'government',
    category: 'executive-committee',
    parentId: null,
    address: 'г. Демо, вул. Савецкая, 1',
    website: 'http://localhost:8788',
    lat: 53.91,
    lon: 27.55,
    timeZone: 'Europe/Minsk',
    languages: ['be', 'ru'],
    services: [['one-window', 'Служба «одно окно»', null]],
    appeals: { mode: 'handoff', handoffUrl: 'https://обращения.бел', prefix: 'ЗВ' },
  },
];

/** Every status/result combination, so every counter category gets real figures. */
const OUTCOMES = [
  { status: 'registered' },
  { status: 'in_review' },
  { status: 'extended' },
  { status: 'forwarded' },
  { status: 'answered', result: 'supported' },
  { status: 'answered', result: 'supported_measures_taken' },
  { status: 'answered', result: 'not_supported' },
  { status: 'answered', result: 'explained' },
  { status: 'left_without_answer' },
  { status: 'withdrawn' },
] as const;
const TYPES = ['proposal', 'application', 'complaint'] as const;
const OPEN_OUTCOMES: ReadonlySet<string> = new Set(['registered', 'in_review', 'extended']);

/** Deterministic UUID (v4-shaped) so the seed is reproducible and idempotent. */
function seedUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function seedAppeals(tx: Queryable, org: DemoOrg, perPeriod: number): Promise<void> {
  const [row] = await tx.query<{ now: Date; month_start: Date; year_start: Date }>(
    `SELECT now() AS now,
       date_trunc('month', now() AT TIME ZONE $1) AT TIME ZONE $1 AS month_start,
       date_trunc('year', now() AT TIME ZONE $1) AT TIME ZONE $1 AS year_start`,
    [org.timeZone],
  );
  if (!row) return;
  const now = row.now.getTime();
  const monthStart = row.month_start.getTime();
  const yearStart = row.year_start.getTime();
  const day = 86_400_000;
  // Half the appeals this month, half earlier this year (this month again in January).
  const spans = [
    [monthStart, now],
    [yearStart, monthStart > yearStart ? monthStart : now],
  ] as const;
  let n = 0;
  for (const [from, to] of spans) {
    for (let i = 0; i < perPeriod; i++) {
      n++;
      const outcome = OUTCOMES[i % OUTCOMES.length] ?? OUTCOMES[0];
      const open = OPEN_OUTCOMES.has(outcome.status);
      const spread = from + ((to - from) * (i + 0.5)) / perPeriod;
      // An appeal still open arrived in the last five weeks (a school answers within its 30 days or is
      // a few days late, never months): its deadline is near, passed or this week.
      const registered = open ? Math.max(from, now - (3 + ((i * 11) % 33)) * day) : spread;
      const received = registered - Math.min(day, registered - from);
      // Between registration and now, so every event lies in the current year.
      const later = registered + (now - registered) * 0.6;
      // Every other open appeal is already past its due date.
      const due =
        outcome.status === 'registered' && i % 2 === 0 ? now - (1 + (i % 4)) * day : registered + 30 * day;
      const content = demoAppealContent(n);
      const closed = ['answered', 'left_without_answer', 'withdrawn', 'forwarded'].includes(outcome.status);
      const iso = (t: number) => new Date(t).toISOString();
      await tx.query(
        `INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at,
           registered_at, due_at, forwarded_at, answered_at, closed_at, extended_until, left_without_answer_reason,
           applicant_surname, applicant_first_name, applicant_patronymic, applicant_email, text, topic_id, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 'ru')
         ON CONFLICT (id) DO NOTHING`,
        [
          seedUuid(`${org.id}/${n}`),
          org.id,
          `${org.country === 'BY' ? 'Э' : 'ОГ'}-${new Date(registered).getUTCFullYear()}-${String(n).padStart(4, '0')}`,
          TYPES[n % TYPES.length],
          outcome.status,
          'result' in outcome ? outcome.result : null,
          iso(received),
          iso(registered),
          iso(due),
          outcome.status === 'forwarded' ? iso(later) : null,
          outcome.status === 'answered' ? iso(later) : null,
          closed ? iso(later) : null,
          outcome.status === 'extended' ? iso(registered + 60 * day) : null,
          outcome.status === 'left_without_answer' ? 'Текст обращения не поддаётся прочтению' : null,
          content.applicant.surname,
          content.applicant.firstName,
          content.applicant.patronymic,
          content.applicant.email,
          content.text,
          content.topicId,
        ],
      );
    }
  }
}

const DEMO_COMMENTS = [
  'Всё понятно объяснили, спасибо.',
  'Пришлось долго ждать в очереди.',
  'Вежливые и внимательные сотрудники.',
];

/**
 * `perOrg` ratings of the organisation's services spread over the last five months, scattered around
 * `org.quality`, written directly and then aggregated by the same rebuild a data generator uses.
 */
async function seedRatings(tx: Queryable, org: DemoOrg, perOrg: number): Promise<void> {
  const setId = DEFAULT_CRITERIA_SET[org.country];
  const criteria = await tx.query<{ id: string }>(
    'SELECT id FROM criteria WHERE set_id = $1 ORDER BY position',
    [setId],
  );
  const now = Date.now();
  const day = 86_400_000;
  for (let n = 0; n < perOrg; n++) {
    const at = new Date(now - Math.floor((150 * day * (n + 0.5)) / perOrg));
    const ratedOn = localDate(org.timeZone, at);
    const serviceDate = localDate(org.timeZone, new Date(at.getTime() - (n % 3) * day));
    const service = org.services[n % org.services.length]?.[0] ?? '';
    const noise = createHash('sha256').update(`${org.id}/rating/${n}`).digest();
    const scores = criteria.map((c, i) =>
      Math.min(5, Math.max(1, Math.round(org.quality + ((noise[i] ?? 128) / 255 - 0.5) * 2))),
    );
    const id = seedUuid(`${org.id}/rating/${n}`);
    await tx.query(
      `INSERT INTO ratings (id, organization_id, service_id, service_date, criteria_set_id, score_sum, score_count,
         comment, identified, rater_key, rated_on, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        id,
        org.id,
        service,
        serviceDate,
        setId,
        scores.reduce((a, b) => a + b, 0),
        scores.length,
        n % 4 === 0 ? (DEMO_COMMENTS[n % DEMO_COMMENTS.length] ?? null) : null,
        `demo-rater-${n}`,
        ratedOn,
        at,
      ],
    );
    await tx.query(
      `INSERT INTO rating_scores (rating_id, criterion_id, score)
       SELECT $1, t.criterion_id, t.score FROM unnest($2::text[], $3::smallint[]) AS t (criterion_id, score)
       ON CONFLICT DO NOTHING`,
      [id, criteria.map((c) => c.id), scores],
    );
  }
}

/**
 * Demo spheres, organisations, services, appeals and ratings. Idempotent: organisations and services
 * are upserted, appeals and ratings are generated only for an organisation that has none (their dates
 * are relative to the day the seed first ran).
 */
export async function seedDemo(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [position, sphere] of DEMO_SPHERES.entries()) {
      await tx.query('INSERT INTO spheres (id, name, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        sphere.id,
        JSON.stringify(sphere.name),
        position,
      ]);
      for (const [categoryPosition, category] of sphere.categories.entries()) {
        await tx.query(
          `INSERT INTO categories (sphere_id, id, name, position) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [sphere.id, category.id, JSON.stringify(category.name), categoryPosition],
        );
      }
    }
    const rated: string[] = [];
    for (const org of DEMO_ORGANIZATIONS) {
      await tx.query(
        `INSERT INTO organizations (id, name, short_name, country, jurisdiction, sphere, category, parent_id,
           address, website, lat, lon, time_zone, languages)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO NOTHING`,
        [
          org.id,
          org.name,
          org.shortName,
          org.country,
          org.jurisdiction,
          org.sphere,
          org.category,
          org.parentId,
          org.address,
          org.website,
          org.lat,
          org.lon,
          org.timeZone,
          org.languages,
        ],
      );
      for (const origin of DEMO_ORIGINS) {
        await tx.query(
          'INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [org.id, origin],
        );
      }
      const intake = org.appeals ?? { mode: 'form', prefix: 'ОБ' };
      await tx.query(
        `INSERT INTO organization_appeal_settings (organization_id, mode, handoff_url, topics, consent_version,
           consent_title, consent_url, number_prefix)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (organization_id) DO NOTHING`,
        [
          org.id,
          intake.mode,
          intake.handoffUrl ?? null,
          JSON.stringify(intake.mode === 'form' ? DEMO_TOPICS : []),
          DEMO_CONSENT.version,
          DEMO_CONSENT.title,
          DEMO_CONSENT.url,
          intake.prefix,
        ],
      );
      for (const [position, [id, name, description]] of org.services.entries()) {
        await tx.query(
          `INSERT INTO services (organization_id, id, name, description, position) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [org.id, id, name, description, position],
        );
      }
      const [{ count = 0 } = {}] = await tx.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM appeals WHERE organization_id = $1',
        [org.id],
      );
      if (count === 0 && intake.mode === 'form')
        await seedAppeals(tx, org, org.id === 'demo-edu-dept' ? 10 : 20);
      if (org.ratings) {
        await tx.query(
          `INSERT INTO organization_rating_settings (organization_id, criteria_set_id, identification)
           VALUES ($1, $2, $3) ON CONFLICT (organization_id) DO NOTHING`,
          [org.id, DEFAULT_CRITERIA_SET[org.country], org.ratings.identification],
        );
      }
      const [{ ratings = 0 } = {}] = await tx.query<{ ratings: number }>(
        'SELECT count(*)::int AS ratings FROM ratings WHERE organization_id = $1',
        [org.id],
      );
      if (ratings === 0) {
        await seedRatings(tx, org, org.id === 'demo-edu-dept' ? 8 : 24);
        rated.push(org.id);
      }
    }
    if (rated.length > 0) await rebuildRatingAggregates(tx, rated);
  });
}
