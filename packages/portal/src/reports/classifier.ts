/**
 * The thematic classifier of appeals as data: search, the import of the full official list from CSV,
 * and the code each topic of an organisation is reported under.
 */
import type { ClassifierEntry, FieldIssue, Language } from '@otklik/client/schemas';
import { inLanguage } from '../appeals/settings.ts';
import type { Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import { listTopics } from '../organizations/topics.ts';

const CODE = /^\d{4}\.\d{4}\.\d{4}\.\d{4}$/;
/** Refused rows listed in one answer (the count says how many there are in all). */
const MAX_ISSUES = 50;
const CHUNK = 500;

/** 1 section … 4 question: the depth of the last group that is not `0000`. */
export function levelOf(code: string): number {
  const groups = code.split('.');
  let level = 1;
  groups.forEach((group, i) => {
    if (group !== '0000') level = i + 1;
  });
  return level;
}

/** Splits one CSV line on `;` or `,` (the first one met), honouring double quotes. */
function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let separator: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if ((ch === ';' || ch === ',') && (separator === null || separator === ch) && cells.length === 0) {
      separator = ch;
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/** Parses `code;title` rows; a header row (a first row whose code is not a code) is skipped. */
export function parseClassifierCsv(csv: string): ClassifierEntry[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: ClassifierEntry[] = [];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const [code = '', title = ''] = splitLine(line);
    if (i === 0 && !CODE.test(code)) return;
    const where = `body.csv.${i + 1}`;
    if (!CODE.test(code))
      issues.push({
        path: where,
        reason: 'classifier-code-format',
        message: `Line ${i + 1}: the code must look like 0002.0013.0000.0000`,
      });
    else if (title === '' || title.length > 1000)
      issues.push({
        path: where,
        reason: 'classifier-title-length',
        message: `Line ${i + 1}: the title must have 1 to 1000 characters`,
      });
    else if (title.includes('\uFFFD'))
      // A file in another encoding read as UTF-8: its letters are lost, so it is refused, not stored.
      issues.push({
        path: where,
        reason: 'classifier-title-unreadable',
        message: `Line ${i + 1}: the title has characters that could not be read; save the file as UTF-8`,
      });
    else if (seen.has(code))
      issues.push({
        path: where,
        reason: 'classifier-code-twice',
        message: `Line ${i + 1}: ${code} appears twice`,
      });
    else {
      seen.add(code);
      entries.push({ code, level: levelOf(code), title });
    }
  });
  if (issues.length > 0)
    throw refusal(
      'classifier-rows-refused',
      `${issues.length} row(s) refused${issues.length > MAX_ISSUES ? ` (the first ${MAX_ISSUES} listed)` : ''}: nothing imported`,
      { issues: issues.slice(0, MAX_ISSUES) },
    );
  if (entries.length === 0) {
    throw fieldRefusal('csv-empty', 'body.csv', 'No rows: expected code;title on each line', 'Invalid body');
  }
  return entries;
}

/** What an import would do: codes new to the classifier, known ones renamed, rows already as they are. */
async function importPlan(db: Queryable, entries: readonly ClassifierEntry[]) {
  const known = new Map<string, string>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const rows = await db.query<{ code: string; title: string }>(
      'SELECT code, title FROM appeal_classifier WHERE code = ANY($1::text[])',
      [entries.slice(i, i + CHUNK).map((e) => e.code)],
    );
    for (const r of rows) known.set(r.code, r.title);
  }
  const added = entries.filter((e) => !known.has(e.code)).length;
  const unchanged = entries.filter((e) => known.get(e.code) === e.title).length;
  return { added, renamed: entries.length - added - unchanged, unchanged };
}

/**
 * Adds or renames the entries (in `tx`, all or none); with `dryRun` only counts what it would do.
 * Resolves with how many rows change, of which added and renamed, and the total afterwards.
 */
export async function importClassifier(tx: Queryable, entries: readonly ClassifierEntry[], dryRun = false) {
  const plan = await importPlan(tx, entries);
  const [before] = await tx.query<{ total: number }>('SELECT count(*)::int AS total FROM appeal_classifier');
  if (dryRun)
    return {
      imported: plan.added + plan.renamed,
      ...plan,
      total: (before?.total ?? 0) + plan.added,
      dryRun,
    };
  let imported = 0;
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const rows = await tx.query<{ code: string }>(
      `INSERT INTO appeal_classifier (code, level, title)
       SELECT * FROM unnest($1::text[], $2::smallint[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET level = EXCLUDED.level, title = EXCLUDED.title, imported_at = now()
         WHERE appeal_classifier.title IS DISTINCT FROM EXCLUDED.title
       RETURNING code`,
      [chunk.map((e) => e.code), chunk.map((e) => e.level), chunk.map((e) => e.title)],
    );
    imported += rows.length;
  }
  const [count] = await tx.query<{ total: number }>('SELECT count(*)::int AS total FROM appeal_classifier');
  return { imported, ...plan, total: count?.total ?? 0, dryRun };
}

/** The organisation's topics (archived last), named in `language`, with the code each is reported under. */
export async function topicCodes(db: Queryable, organizationId: string, language: Language | undefined) {
  const [org] = await db.query<{ languages: string[] }>('SELECT languages FROM organizations WHERE id = $1', [
    organizationId,
  ]);
  if (!org) throw new ProblemError(404, 'not-found', 'No such organisation');
  const codes = await db.query<{ topic_id: string; code: string; title: string | null }>(
    `SELECT t.topic_id, t.code, c.title FROM topic_classifier_codes t
       LEFT JOIN appeal_classifier c ON c.code = t.code WHERE t.organization_id = $1`,
    [organizationId],
  );
  const byTopic = new Map(codes.map((c) => [c.topic_id, c]));
  const [size] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeal_classifier');
  return {
    items: (await listTopics(db, organizationId)).map((t) => ({
      topicId: t.id,
      name: inLanguage(t.names, language, org.languages)?.[1] ?? t.id,
      archived: t.archived,
      code: byTopic.get(t.id)?.code ?? null,
      title: byTopic.get(t.id)?.title ?? null,
    })),
    classifierSize: size?.n ?? 0,
  };
}

/** A page of the classifier in code order, matching `q` in the code or title. */
export async function searchClassifier(
  db: Queryable,
  query: { q?: string | undefined; prefix?: string | undefined; limit: number; offset: number },
) {
  const where: string[] = [];
  const values: unknown[] = [];
  if (query.q) {
    values.push(`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(code LIKE $${values.length} OR title ILIKE $${values.length})`);
  }
  if (query.prefix) {
    values.push(`${query.prefix}%`);
    where.push(`code LIKE $${values.length}`);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM appeal_classifier ${clause}`,
    values,
  );
  const items = await db.query<ClassifierEntry>(
    `SELECT code, level, title FROM appeal_classifier ${clause} ORDER BY code
     LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, query.limit, query.offset],
  );
  return { items, total: count?.total ?? 0, limit: query.limit, offset: query.offset };
}

/** Sets (or with `null` removes) the code of one topic; the topic must exist in the organisation. */
export async function setTopicCode(
  db: Queryable,
  organizationId: string,
  topicId: string,
  code: string | null,
) {
  const [topic] = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM organization_topics WHERE organization_id = $1 AND id = $2)
         OR EXISTS (SELECT 1 FROM organization_appeal_settings s, jsonb_array_elements(s.topics) t
                    WHERE s.organization_id = $1 AND t->>'id' = $2) AS found`,
    [organizationId, topicId],
  );
  if (!topic?.found) throw new ProblemError(404, 'not-found', 'No such topic in this organisation');
  if (code === null) {
    await db.query('DELETE FROM topic_classifier_codes WHERE organization_id = $1 AND topic_id = $2', [
      organizationId,
      topicId,
    ]);
    return { topicId, code };
  }
  const [known] = await db.query('SELECT 1 FROM appeal_classifier WHERE code = $1', [code]);
  if (!known) {
    throw fieldRefusal(
      'classifier-code-unknown',
      'body.code',
      `${code} is not in the classifier`,
      'Invalid body',
    );
  }
  await db.query(
    `INSERT INTO topic_classifier_codes (organization_id, topic_id, code) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, topic_id) DO UPDATE SET code = EXCLUDED.code`,
    [organizationId, topicId, code],
  );
  return { topicId, code };
}
