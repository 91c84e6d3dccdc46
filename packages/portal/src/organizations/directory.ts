/** The organisation directory: profiles, search, services. */
import type { Organization, Service } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

interface OrganizationRow {
  id: string;
  name: string;
  short_name: string | null;
  country: Organization['country'];
  jurisdiction: Organization['jurisdiction'];
  sphere: string;
  category: string;
  parent_id: string | null;
  address: string | null;
  website: string | null;
  lat: number | null;
  lon: number | null;
  time_zone: string;
  subordinate_count: number;
}

const ORGANIZATION_COLUMNS = `o.id, o.name, o.short_name, o.country, o.jurisdiction, o.sphere, o.category,
  o.parent_id, o.address, o.website, o.lat, o.lon, o.time_zone,
  (SELECT count(*)::int FROM organizations s WHERE s.parent_id = o.id) AS subordinate_count`;

function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    country: row.country,
    jurisdiction: row.jurisdiction,
    sphere: row.sphere,
    category: row.category,
    parentId: row.parent_id,
    subordinateCount: row.subordinate_count,
    address: row.address,
    website: row.website,
    coordinates: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
    timeZone: row.time_zone,
  };
}

export async function getOrganization(db: Queryable, id: string): Promise<Organization | null> {
  const rows = await db.query<OrganizationRow>(
    `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1`,
    [id],
  );
  return rows[0] ? toOrganization(rows[0]) : null;
}

export interface OrganizationFilter {
  q?: string | undefined;
  sphere?: string | undefined;
  category?: string | undefined;
  parent?: string | undefined;
  country?: string | undefined;
  limit: number;
  offset: number;
}

/** `%`, `_` and `\` are wildcards in LIKE patterns; a user's words must match literally. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function searchOrganizations(db: Queryable, filter: OrganizationFilter) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  // Every word must appear in the name or the short name.
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean)) {
    add((p) => `(o.name ILIKE ${p} OR o.short_name ILIKE ${p})`, likePattern(word));
  }
  if (filter.sphere !== undefined) add((p) => `o.sphere = ${p}`, filter.sphere);
  if (filter.category !== undefined) add((p) => `o.category = ${p}`, filter.category);
  if (filter.parent !== undefined) add((p) => `o.parent_id = ${p}`, filter.parent);
  if (filter.country !== undefined) add((p) => `o.country = ${p}`, filter.country);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [countRow] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM organizations o ${whereSql}`,
    params,
  );
  const rows = await db.query<OrganizationRow>(
    `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o ${whereSql}
     ORDER BY o.name, o.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return {
    items: rows.map(toOrganization),
    total: countRow?.total ?? 0,
    limit: filter.limit,
    offset: filter.offset,
  };
}

export async function listServices(db: Queryable, organizationId: string, limit: number, offset: number) {
  const [countRow] = await db.query<{ total: number }>(
    'SELECT count(*)::int AS total FROM services WHERE organization_id = $1',
    [organizationId],
  );
  const items = await db.query<Service>(
    `SELECT id, name, description FROM services WHERE organization_id = $1
     ORDER BY position, id LIMIT $2 OFFSET $3`,
    [organizationId, limit, offset],
  );
  return { items, total: countRow?.total ?? 0, limit, offset };
}

/** What the portal's own pages show of an organisation: its name, in its languages. */
export async function organizationHeading(
  db: Queryable,
  id: string,
): Promise<{ id: string; name: string; languages: string[] } | null> {
  const [row] = await db.query<{ id: string; name: string; languages: string[] }>(
    'SELECT id, name, languages FROM organizations WHERE id = $1',
    [id],
  );
  return row ?? null;
}
