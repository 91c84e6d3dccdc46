import type { Language, StaffTopic, TopicBody } from '@otklik/client/schemas';
import type * as v from 'valibot';
import { inLanguage } from '../appeals/settings.ts';
import type { Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError } from '../http/problem.ts';

interface TopicRow {
  id: string;
  names: Record<string, string> | string;
  position: number;
  archived_at: Date | string | null;
}

const toTopic = (row: TopicRow): StaffTopic => ({
  id: row.id,
  names: (typeof row.names === 'string' ? JSON.parse(row.names) : row.names) as StaffTopic['names'],
  archived: row.archived_at !== null,
  position: row.position,
});

/**
 * Every topic, in order, archived ones last. Until the organisation saves one, the legacy topics of
 * its appeal settings are listed (named in its first language).
 */
export async function listTopics(db: Queryable, organizationId: string): Promise<StaffTopic[]> {
  const rows = await db.query<TopicRow>(
    `SELECT id, names, position, archived_at FROM organization_topics WHERE organization_id = $1
     ORDER BY archived_at IS NOT NULL, position, id`,
    [organizationId],
  );
  if (rows.length > 0) return rows.map(toTopic);
  return legacyTopics(db, organizationId);
}

async function legacyTopics(db: Queryable, organizationId: string): Promise<StaffTopic[]> {
  const [row] = await db.query<{ topics: { id: string; name: string }[] | string | null; language: string }>(
    `SELECT s.topics, o.languages[1] AS language FROM organizations o
       JOIN organization_appeal_settings s ON s.organization_id = o.id WHERE o.id = $1`,
    [organizationId],
  );
  if (!row?.topics) return [];
  const topics = typeof row.topics === 'string' ? JSON.parse(row.topics) : row.topics;
  return (topics as { id: string; name: string }[]).map((t, position) => ({
    id: t.id,
    names: { [row.language]: t.name } as StaffTopic['names'],
    archived: false,
    position,
  }));
}

/** Copies the legacy topics into the table the first time a topic is saved. */
async function adoptLegacyTopics(tx: Queryable, organizationId: string): Promise<void> {
  const [managed] = await tx.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM organization_topics WHERE organization_id = $1',
    [organizationId],
  );
  if (Number(managed?.n ?? 0) > 0) return;
  for (const topic of await legacyTopics(tx, organizationId)) {
    await tx.query(
      'INSERT INTO organization_topics (organization_id, id, names, position) VALUES ($1, $2, $3, $4)',
      [organizationId, topic.id, JSON.stringify(topic.names), topic.position],
    );
  }
}

/**
 * Adds or renames a topic, archives or restores it. Its names must be in the organisation's
 * languages, the first of them included. Run it in a transaction.
 */
export async function putTopic(
  tx: Queryable,
  organizationId: string,
  topicId: string,
  body: v.InferOutput<typeof TopicBody>,
  now: Date,
): Promise<StaffTopic> {
  const [org] = await tx.query<{ languages: Language[] }>(
    'SELECT languages FROM organizations WHERE id = $1 FOR UPDATE',
    [organizationId],
  );
  if (!org) throw new ProblemError(404, 'organization-not-found');
  const first = org.languages[0] as Language;
  if (body.names[first] === undefined) {
    throw fieldRefusal(
      'first-language-required',
      `body.names.${first}`,
      "Required: the organisation's first language",
      'Invalid body',
    );
  }
  const stranger = Object.keys(body.names).find((lang) => !org.languages.includes(lang as Language));
  if (stranger !== undefined) {
    throw fieldRefusal(
      'language-not-offered',
      `body.names.${stranger}`,
      `Not a language of the organisation (${org.languages.join(', ')})`,
      'Invalid body',
    );
  }
  await adoptLegacyTopics(tx, organizationId);
  const names = JSON.stringify(body.names);
  const [row] = await tx.query<TopicRow>(
    `INSERT INTO organization_topics (organization_id, id, names, position, archived_at)
     VALUES ($1, $2, $3,
       (SELECT COALESCE(max(position) + 1, 0) FROM organization_topics WHERE organization_id = $1),
       CASE WHEN $4::boolean THEN $5::timestamptz END)
     ON CONFLICT (organization_id, id) DO UPDATE SET names = EXCLUDED.names,
       archived_at = CASE
         WHEN $6::boolean IS NULL THEN organization_topics.archived_at
         WHEN $6::boolean THEN COALESCE(organization_topics.archived_at, $5::timestamptz)
         ELSE NULL END
     RETURNING id, names, position, archived_at`,
    [organizationId, topicId, names, body.archived ?? false, now, body.archived ?? null],
  );
  return toTopic(row as TopicRow);
}

/** Puts the topics that are not archived in the given order (every one of them, each once). */
export async function reorderTopics(tx: Queryable, organizationId: string, ids: string[]): Promise<void> {
  await adoptLegacyTopics(tx, organizationId);
  const active = await tx.query<{ id: string }>(
    'SELECT id FROM organization_topics WHERE organization_id = $1 AND archived_at IS NULL',
    [organizationId],
  );
  const expected = new Set(active.map((r) => r.id));
  if (ids.length !== expected.size || ids.some((id) => !expected.has(id))) {
    throw fieldRefusal(
      'topic-order-incomplete',
      'body.ids',
      `List every topic that is not archived, each once: ${[...expected].sort().join(', ')}`,
      'Invalid body',
    );
  }
  for (const [position, id] of ids.entries()) {
    await tx.query('UPDATE organization_topics SET position = $3 WHERE organization_id = $1 AND id = $2', [
      organizationId,
      id,
      position,
    ]);
  }
}

/** A topic's name in `language` (else the organisation's first), archived or not; `null` if unknown. */
export async function topicName(
  db: Queryable,
  organizationId: string,
  topicId: string | null,
  language: string | null,
): Promise<string | null> {
  if (topicId === null) return null;
  const [row] = await db.query<{ names: Record<string, string> | string; languages: string[] }>(
    `SELECT t.names, o.languages FROM organization_topics t JOIN organizations o ON o.id = t.organization_id
     WHERE t.organization_id = $1 AND t.id = $2`,
    [organizationId, topicId],
  );
  if (row) {
    const names = typeof row.names === 'string' ? JSON.parse(row.names) : row.names;
    return inLanguage(names as Record<string, string>, language ?? undefined, row.languages)?.[1] ?? null;
  }
  const legacy = (await legacyTopics(db, organizationId)).find((t) => t.id === topicId);
  return legacy ? (Object.values(legacy.names)[0] ?? null) : null;
}
