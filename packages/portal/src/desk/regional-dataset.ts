/**
 * The regional data set for the desk benchmark (issue 11): organisations in a hierarchy (a regional
 * department, district departments, schools) and appeals over three years with their events, written
 * by set-based SQL (`generate_series`), never row by row, so that 500,000 appeals take minutes at most
 * on PostgreSQL and on PGlite. Deterministic: the same sizes give the same rows.
 */
import type { Queryable } from '../db/types.ts';

export interface RegionalSizes {
  /** Organisations in all, the regional department included (1,000 in the benchmark). */
  organizations: number;
  /** Appeals in all (500,000 in the benchmark). */
  appeals: number;
}

export interface RegionalReport {
  organizations: number;
  appeals: number;
  events: number;
  seconds: number;
}

/** The id of the regional department; districts are `bench-district-NN`, schools `bench-school-NNNN`. */
export const REGION_ID = 'bench-region';

const SURNAMES = [
  'Иванова',
  'Петров',
  'Смирнова',
  'Кузнецов',
  'Попова',
  'Васильев',
  'Соколова',
  'Михайлов',
  'Новикова',
  'Фёдоров',
  'Морозова',
  'Волков',
  'Алексеева',
  'Лебедев',
  'Семёнова',
  'Егоров',
  'Павлова',
  'Козлов',
  'Степанова',
  'Николаев',
  'Орлова',
  'Андреев',
  'Макарова',
  'Никитин',
  'Захарова',
  'Зайцев',
];
const FIRST_NAMES = [
  'Анна',
  'Сергей',
  'Мария',
  'Алексей',
  'Елена',
  'Дмитрий',
  'Ольга',
  'Андрей',
  'Татьяна',
  'Игорь',
  'Наталья',
  'Михаил',
  'Ирина',
  'Павел',
  'Светлана',
];
const PATRONYMICS = [
  'Петровна',
  'Иванович',
  'Сергеевна',
  'Алексеевич',
  'Николаевна',
  'Владимирович',
  'Андреевна',
  'Михайлович',
  'Викторовна',
  'Юрьевич',
  'Олеговна',
  'Павлович',
];
const OPENINGS = [
  'Прошу разъяснить порядок приёма детей в первый класс',
  'Жалоба на качество питания в школьной столовой',
  'Предлагаю организовать кружок робототехники для старших классов',
  'Прошу провести ремонт спортивного зала',
  'Обращаюсь по поводу расписания школьного автобуса',
  'Жалоба на отсутствие отопления в кабинетах',
  'Прошу сообщить, почему отменены занятия в группе продлённого дня',
  'Предлагаю установить пешеходный переход у школы',
  'Прошу разобраться с задержкой выдачи учебников',
  'Обращаюсь с просьбой о переводе ребёнка в другой класс',
  'Жалоба на грубое поведение сотрудника охраны',
  'Прошу рассмотреть возможность открытия профильного класса',
];
const MIDDLES = [
  'Ситуация повторяется уже несколько недель, родители обеспокоены.',
  'Ранее мы устно обращались к классному руководителю, но ответа не получили.',
  'В родительском чате это обсуждают многие семьи.',
  'Прилагаю описание ситуации и прошу принять меры.',
  'Считаю, что это нарушает права учащихся на безопасную среду.',
  'Дети жалуются на усталость и плохое самочувствие.',
  'Готовы участвовать в обсуждении и помочь с организацией.',
  'Просим учесть мнение родительского комитета.',
  'Аналогичная проблема была в прошлом учебном году.',
  'Надеемся на понимание и скорое решение вопроса.',
];
const CLOSINGS = [
  'Прошу дать письменный ответ по электронной почте.',
  'Благодарю за внимание к обращению.',
  'Прошу сообщить о принятых мерах.',
  'Ответ прошу направить на указанный адрес.',
  'Заранее спасибо.',
  'Прошу рассмотреть в установленный законом срок.',
  'Готов(а) предоставить дополнительные сведения.',
];
const TOPICS = ['admission', 'food', 'repairs', 'transport', 'staff', 'schedule'];

const sqlArray = (items: readonly string[]) =>
  `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')}]`;
const pick = (items: readonly string[], index: string) =>
  `(${sqlArray(items)})[1 + (${index}) % ${items.length}]`;

/**
 * Writes the regional data set into a migrated database (RU, 59-ФЗ, Moscow time): organisations
 * `bench-…` and appeals registered over the three years before `now`, with their events.
 */
export async function generateRegionalDataset(
  db: Queryable,
  sizes: RegionalSizes,
  now = new Date(),
): Promise<RegionalReport> {
  const started = performance.now();
  const districts = Math.max(1, Math.round(sizes.organizations / 25));
  const schools = Math.max(0, sizes.organizations - 1 - districts);
  const org = `'RU', 'ru-59fz', 'education'`;
  await db.query(
    `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
     VALUES ($1, 'Министерство образования области', ${org}, 'department', NULL, 'Europe/Moscow')`,
    [REGION_ID],
  );
  await db.query(
    `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
     SELECT 'bench-district-' || lpad(d::text, 3, '0'), 'Управление образования района № ' || d, ${org},
       'department', $1, 'Europe/Moscow'
     FROM generate_series(1, $2::int) d`,
    [REGION_ID, districts],
  );
  await db.query(
    `INSERT INTO organizations (id, name, country, jurisdiction, sphere, category, parent_id, time_zone)
     SELECT 'bench-school-' || lpad(s::text, 4, '0'), 'Средняя школа № ' || s, ${org}, 'school',
       'bench-district-' || lpad((1 + (s - 1) % $1::int)::text, 3, '0'), 'Europe/Moscow'
     FROM generate_series(1, $2::int) s`,
    [districts, schools],
  );
  // Numbered 0…n-1: appeal g goes to organisation g mod n.
  await db.query(`CREATE TEMP TABLE bench_orgs AS
    SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id FROM organizations WHERE id LIKE 'bench-%'`);
  const spanSeconds = 3 * 365 * 86_400;
  // A GIN index is built far faster in one pass than row by row: dropped for the load, built after.
  await db.query('DROP INDEX IF EXISTS appeals_org_search_idx');
  // h: a well-mixed number per appeal (0…99) choosing its fate; reg: spread over three years.
  await db.query(
    `INSERT INTO appeals (id, organization_id, registration_number, type, status, result, received_at,
       registered_at, due_at, due_date, forwarded_at, forwarded_to, answered_at, answer_text, closed_at,
       extended_until, extensions, left_without_answer_reason, applicant_surname, applicant_first_name,
       applicant_patronymic, applicant_email, text, language, topic_id)
     SELECT md5('bench-appeal-' || g)::uuid, org, 'ОБ-' || extract(year FROM reg AT TIME ZONE 'Europe/Moscow') || '-' || lpad(g::text, 7, '0'),
       ${pick(['proposal', 'application', 'complaint'], 'g')}, status,
       CASE WHEN status = 'answered' THEN ${pick(['supported', 'supported_measures_taken', 'not_supported', 'explained'], 'h')} END,
       reg, reg,
       ((due + 1)::timestamp AT TIME ZONE 'Europe/Moscow'), due,
       CASE WHEN status = 'forwarded' THEN reg + interval '3 days' END,
       CASE WHEN status = 'forwarded' THEN 'Управление образования района' END,
       CASE WHEN status = 'answered' THEN least(reg + (1 + h % 25) * interval '1 day', $3::timestamptz) END,
       CASE WHEN status = 'answered' THEN 'Ваше обращение рассмотрено. Сообщаем о принятых мерах.' END,
       CASE WHEN status IN ('answered', 'left_without_answer') THEN least(reg + (1 + h % 25) * interval '1 day', $3::timestamptz)
            WHEN status = 'forwarded' THEN reg + interval '3 days' END,
       CASE WHEN status = 'extended' THEN ((due + 1)::timestamp AT TIME ZONE 'Europe/Moscow') END,
       CASE WHEN status = 'extended' THEN 1 ELSE 0 END,
       CASE WHEN status = 'left_without_answer' THEN 'obscene-language' END,
       ${pick(SURNAMES, 'g')}, ${pick(FIRST_NAMES, 'g / 7')}, ${pick(PATRONYMICS, 'g / 11')},
       'applicant' || g || '@example.org',
       ${pick(OPENINGS, 'g / 3')} || '. ' || ${pick(MIDDLES, 'g / 13')} || ' ' || ${pick(MIDDLES, 'g / 17 + 3')} || ' ' || ${pick(CLOSINGS, 'g / 19')},
       'ru', ${pick(TOPICS, 'g / 5')}
     FROM (
       SELECT g, org, reg, h, status,
         (reg AT TIME ZONE 'Europe/Moscow')::date + CASE WHEN status = 'extended' THEN 60 ELSE 30 END AS due
       FROM (
         SELECT g, o.id AS org, reg, h,
           CASE
             WHEN $3::timestamptz - reg > interval '45 days' THEN
               CASE WHEN h < 86 THEN 'answered' WHEN h < 94 THEN 'forwarded' ELSE 'left_without_answer' END
             ELSE CASE WHEN h < 35 THEN 'registered' WHEN h < 80 THEN 'in_review' WHEN h < 88 THEN 'extended'
               ELSE 'answered' END
           END AS status
         FROM (
           SELECT g, $3::timestamptz - ((g::bigint * 1103515245 + 12345) % $4::bigint) * interval '1 second' AS reg,
             ((g::bigint * 2654435761) % 1000003) % 100 AS h
           FROM generate_series(1, $2::int) g
         ) s JOIN bench_orgs o ON o.n = s.g % $1::int
       ) t
     ) a`,
    [sizes.organizations, sizes.appeals, now.toISOString(), spanSeconds],
  );
  await db.query(
    `INSERT INTO appeal_events (appeal_id, status, note, at)
     SELECT id, 'registered', NULL, registered_at FROM appeals WHERE organization_id LIKE 'bench-%'
     UNION ALL
     SELECT id, 'in_review', NULL, registered_at + interval '1 day' FROM appeals
       WHERE organization_id LIKE 'bench-%' AND status NOT IN ('registered', 'forwarded')
     UNION ALL
     SELECT id, status, result, COALESCE(closed_at, registered_at + interval '2 days') FROM appeals
       WHERE organization_id LIKE 'bench-%' AND status IN ('answered', 'forwarded', 'left_without_answer', 'extended')`,
  );
  await db.query(
    `INSERT INTO appeal_number_counters (organization_id, year, last_number)
     SELECT organization_id, extract(year FROM registered_at AT TIME ZONE 'Europe/Moscow')::int, count(*)
     FROM appeals WHERE organization_id LIKE 'bench-%' GROUP BY 1, 2`,
  );
  await db.query('DROP TABLE bench_orgs');
  await db.query(
    'CREATE INDEX appeals_org_search_idx ON appeals USING gin (organization_id, search_document)',
  );
  // Statistics, and the visibility map that index-only scans need (autovacuum would set it on
  // PostgreSQL before long; PGlite runs none).
  await db.query('VACUUM ANALYZE');
  const [counts] = await db.query<{ orgs: number; appeals: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM organizations WHERE id LIKE 'bench-%') AS orgs,
       (SELECT count(*)::int FROM appeals WHERE organization_id LIKE 'bench-%') AS appeals,
       (SELECT count(*)::int FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id WHERE a.organization_id LIKE 'bench-%') AS events`,
  );
  return {
    organizations: counts?.orgs ?? 0,
    appeals: counts?.appeals ?? 0,
    events: counts?.events ?? 0,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
