import type { Country, CriteriaSet, RatingFormSettings } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

/** The built-in criteria set of an organisation without a settings row, by its country. */
export const DEFAULT_CRITERIA_SET: Record<Country, string> = { BY: 'by-base', RU: 'ru-nok' };

/** Used for an organisation without a row in organization_rating_settings. */
export const DEFAULT_RATING_SETTINGS = {
  enabled: true,
  serviceDateMaxAgeDays: 90,
  commentMaxLength: 1000,
  identification: 'anonymous',
} as const satisfies Partial<RatingFormSettings>;

/**
 * Columns for a query that has `organizations o` and `LEFT JOIN organization_rating_settings r`:
 * the settings (null without a row) and the organisation's criteria set as one JSON value.
 */
export const RATING_SETTINGS_COLUMNS = `r.enabled AS rating_enabled,
  r.service_date_max_age_days, r.comment_max_length, r.identification, r.rating_page_url,
  (SELECT jsonb_build_object('id', cs.id, 'name', cs.name, 'criteria',
      (SELECT jsonb_agg(jsonb_build_object('id', cr.id, 'label', cr.label) ORDER BY cr.position, cr.id)
       FROM criteria cr WHERE cr.set_id = cs.id))
   FROM criteria_sets cs
   WHERE cs.id = COALESCE(r.criteria_set_id,
     CASE o.country WHEN 'BY' THEN '${DEFAULT_CRITERIA_SET.BY}' ELSE '${DEFAULT_CRITERIA_SET.RU}' END)
  ) AS criteria_set`;

export interface RatingSettingsRow {
  rating_enabled: boolean | null;
  service_date_max_age_days: number | null;
  comment_max_length: number | null;
  identification: RatingFormSettings['identification'] | null;
  rating_page_url: string | null;
  criteria_set: CriteriaSet | null;
}

/** The rating form's settings: the organisation's row, or the defaults where it has none. */
export function toRatingFormSettings(
  row: RatingSettingsRow,
  oidcProviders: { id: string; name: string }[] = [],
  /** The organisation's identity methods offer the e-mail code (they do unless it is turned off). */
  emailCode = true,
): RatingFormSettings {
  // The foreign key and the built-in rows guarantee a set; a set without criteria is a data error.
  if (row.criteria_set === null || row.criteria_set.criteria === null) {
    throw new Error('rating settings: the criteria set is missing or has no criteria');
  }
  return {
    enabled: row.rating_enabled ?? DEFAULT_RATING_SETTINGS.enabled,
    criteriaSet: row.criteria_set,
    serviceDateMaxAgeDays: row.service_date_max_age_days ?? DEFAULT_RATING_SETTINGS.serviceDateMaxAgeDays,
    commentMaxLength: row.comment_max_length ?? DEFAULT_RATING_SETTINGS.commentMaxLength,
    identification: row.identification ?? DEFAULT_RATING_SETTINGS.identification,
    identity: { emailCode, oidcProviders },
    ratingPageUrl: row.rating_page_url,
  };
}

/** Where an organisation stands for rankings: the groups it belongs to. */
export interface RatingPlace {
  id: string;
  timeZone: string;
  country: Country;
  sphere: string;
  category: string;
  parentId: string | null;
}

/** What rating an organisation's services needs about it, in one query. */
export interface RatingOrganization extends RatingPlace {
  settings: RatingFormSettings;
  serviceIds: ReadonlySet<string>;
}

interface PlaceRow {
  id: string;
  time_zone: string;
  country: Country;
  sphere: string;
  category: string;
  parent_id: string | null;
}

const PLACE_COLUMNS = 'o.id, o.time_zone, o.country, o.sphere, o.category, o.parent_id';

const toPlace = (row: PlaceRow): RatingPlace => ({
  id: row.id,
  timeZone: row.time_zone,
  country: row.country,
  sphere: row.sphere,
  category: row.category,
  parentId: row.parent_id,
});

/** The groups of an organisation (a primary-key lookup: what the ranking needs on every request). */
export async function loadRatingPlace(db: Queryable, id: string): Promise<RatingPlace | null> {
  const [row] = await db.query<PlaceRow>(`SELECT ${PLACE_COLUMNS} FROM organizations o WHERE o.id = $1`, [
    id,
  ]);
  return row ? toPlace(row) : null;
}

export async function loadRatingOrganization(db: Queryable, id: string): Promise<RatingOrganization | null> {
  const [row] = await db.query<PlaceRow & RatingSettingsRow & { service_ids: string[] | null }>(
    `SELECT ${PLACE_COLUMNS}, ${RATING_SETTINGS_COLUMNS},
       ARRAY(SELECT s.id FROM services s WHERE s.organization_id = o.id) AS service_ids
     FROM organizations o LEFT JOIN organization_rating_settings r ON r.organization_id = o.id
     WHERE o.id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    ...toPlace(row),
    settings: toRatingFormSettings(row),
    serviceIds: new Set(row.service_ids ?? []),
  };
}

/** A change of an organisation's rating settings: absent fields keep their value (or the default). */
export interface RatingSettingsPatch {
  enabled?: boolean | undefined;
  criteriaSetId?: string | undefined;
  serviceDateMaxAgeDays?: number | undefined;
  commentMaxLength?: number | undefined;
  identification?: RatingFormSettings['identification'] | undefined;
  ratingPageUrl?: string | null | undefined;
}

/** Whether `organization` may use the criteria set `setId`: a built-in one or one of its own. */
export async function criteriaSetUsableBy(db: Queryable, organization: string, setId: string) {
  const rows = await db.query(
    'SELECT 1 FROM criteria_sets WHERE id = $1 AND (organization_id IS NULL OR organization_id = $2)',
    [setId, organization],
  );
  return rows.length > 0;
}

/**
 * Upserts the organisation's row of organization_rating_settings: a new row takes the defaults
 * (`DEFAULT_RATING_SETTINGS`, the set of its country) for what the patch leaves out. False when
 * there is no such organisation.
 */
export async function updateRatingSettings(
  db: Queryable,
  organization: string,
  patch: RatingSettingsPatch,
): Promise<boolean> {
  const d = DEFAULT_RATING_SETTINGS;
  const rows = await db.query(
    `INSERT INTO organization_rating_settings AS r (organization_id, enabled, criteria_set_id,
       service_date_max_age_days, comment_max_length, identification, rating_page_url)
     SELECT o.id, COALESCE($2::boolean, $9::boolean),
       COALESCE($3::text, CASE o.country WHEN 'BY' THEN $13::text ELSE $14::text END),
       COALESCE($4::integer, $10::integer), COALESCE($5::integer, $11::integer),
       COALESCE($6::text, $12::text), $7::text
     FROM organizations o WHERE o.id = $1
     ON CONFLICT (organization_id) DO UPDATE SET
       enabled = COALESCE($2::boolean, r.enabled),
       criteria_set_id = COALESCE($3::text, r.criteria_set_id),
       service_date_max_age_days = COALESCE($4::integer, r.service_date_max_age_days),
       comment_max_length = COALESCE($5::integer, r.comment_max_length),
       identification = COALESCE($6::text, r.identification),
       rating_page_url = CASE WHEN $8::boolean THEN $7::text ELSE r.rating_page_url END
     RETURNING r.organization_id`,
    [
      organization,
      patch.enabled ?? null,
      patch.criteriaSetId ?? null,
      patch.serviceDateMaxAgeDays ?? null,
      patch.commentMaxLength ?? null,
      patch.identification ?? null,
      patch.ratingPageUrl ?? null,
      patch.ratingPageUrl !== undefined,
      d.enabled,
      d.serviceDateMaxAgeDays,
      d.commentMaxLength,
      d.identification,
      DEFAULT_CRITERIA_SET.BY,
      DEFAULT_CRITERIA_SET.RU,
    ],
  );
  return rows.length > 0;
}

/**
 * Creates or replaces the organisation's own criteria set `set.id` (its name and criteria, in the
 * given order). False, changing nothing, when the id is a built-in set or another organisation's.
 * Scores already given are kept (rating_scores refers to criteria by id only).
 */
export async function putCriteriaSet(
  db: Queryable,
  organization: string,
  set: CriteriaSet,
): Promise<boolean> {
  const owned = await db.query(
    `INSERT INTO criteria_sets AS s (id, name, organization_id) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE s.organization_id = $3
     RETURNING s.id`,
    [set.id, JSON.stringify(set.name), organization],
  );
  if (owned.length === 0) return false;
  await db.query('DELETE FROM criteria WHERE set_id = $1', [set.id]);
  await db.query(
    `INSERT INTO criteria (set_id, id, label, position)
     SELECT $1, c.id, c.label, c.position
     FROM jsonb_to_recordset($2::jsonb) AS c (id text, label jsonb, position integer)`,
    [set.id, JSON.stringify(set.criteria.map((c, i) => ({ id: c.id, label: c.label, position: i + 1 })))],
  );
  return true;
}
