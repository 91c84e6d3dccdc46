/**
 * The portal administrators' organisations: the list, creating one, and importing many from CSV
 * (all or nothing, with every refused row and why).
 */
import {
  type AdminOrganization,
  COUNTRY_TIME_ZONES,
  Country,
  JurisdictionProfileId,
  NewOrganization,
  type OrganizationImportResult,
  type SphereList,
} from '@otklik/client/schemas';
import * as v from 'valibot';
import type { Database, Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError, refusal } from '../http/problem.ts';
import { listSpheres } from '../organizations/spheres.ts';

interface Row {
  id: string;
  name: string;
  parent_id: string | null;
  country: 'RU' | 'BY';
  jurisdiction: AdminOrganization['jurisdiction'];
  administrators: number;
  created_at: Date;
}

const SELECT = `SELECT o.id, o.name, o.parent_id, o.country, o.jurisdiction, o.created_at,
  (SELECT count(*)::int FROM memberships m WHERE m.organization_id = o.id AND m.role = 'administrator') AS administrators
  FROM organizations o`;

const view = (row: Row): AdminOrganization => ({
  id: row.id,
  name: row.name,
  parentId: row.parent_id,
  country: row.country,
  jurisdiction: row.jurisdiction,
  administrators: row.administrators,
  createdAt: row.created_at.toISOString(),
});

export async function listOrganizations(
  db: Queryable,
  query: { q?: string | undefined; limit: number; offset: number },
) {
  const filter = query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` : null;
  const where = 'WHERE ($1::text IS NULL OR lower(o.name) LIKE $1 OR o.id LIKE $1)';
  const rows = await db.query<Row>(`${SELECT} ${where} ORDER BY o.name, o.id LIMIT $2 OFFSET $3`, [
    filter,
    query.limit,
    query.offset,
  ]);
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations o ${where}`, [
    filter,
  ]);
  return { items: rows.map(view), total: count?.n ?? 0 };
}

const INSERT_COLUMNS =
  '(id, name, short_name, country, jurisdiction, parent_id, sphere, category, time_zone, contact_email)';
const rowValues = (o: NewOrganization) => [
  o.id,
  o.name,
  o.shortName ?? null,
  o.country,
  o.jurisdiction,
  o.parentId ?? null,
  o.sphere,
  o.category,
  o.timeZone,
  o.contactEmail ?? null,
];

/** Creates one organisation: 409 for a taken id, 422 for an unknown parent. */
export async function createOrganization(db: Queryable, input: NewOrganization): Promise<AdminOrganization> {
  const [taken] = await db.query('SELECT 1 FROM organizations WHERE id = $1', [input.id]);
  if (taken) throw refusal('organization-id-taken', `The id ${input.id} is taken`);
  if (input.parentId) {
    const [parent] = await db.query('SELECT 1 FROM organizations WHERE id = $1', [input.parentId]);
    if (!parent) {
      throw fieldRefusal(
        'parent-organization-unknown',
        'body.parentId',
        'No such organisation',
        'No such parent organisation',
      );
    }
  }
  await db.query(
    `INSERT INTO organizations ${INSERT_COLUMNS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    rowValues(input),
  );
  if (input.siteOrigin) {
    await db.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
      input.id,
      input.siteOrigin,
    ]);
  }
  const [row] = await db.query<Row>(`${SELECT} WHERE o.id = $1`, [input.id]);
  return view(row as Row);
}

/** Splits CSV text (RFC 4180 quoting, comma or semicolon) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.indexOf('\n') >>> 0);
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const COLUMNS = {
  id: 'id',
  name: 'name',
  short_name: 'shortName',
  country: 'country',
  jurisdiction: 'jurisdiction',
  parent_id: 'parentId',
  sphere: 'sphere',
  category: 'category',
  time_zone: 'timeZone',
  contact_email: 'contactEmail',
  site_origin: 'siteOrigin',
} as const;
/**
 * What a refused field may hold, for the reason the import gives: the spheres and kinds the portal
 * lists (a new key is taken too), the time zones the console offers for the row's country (any IANA
 * zone is taken too), and the countries and legal profiles.
 */
function allowedValues(
  path: string,
  record: Record<string, string | null>,
  spheres: SphereList['items'],
): string {
  const list = (values: readonly string[]) => values.join(', ');
  switch (path) {
    case 'country':
      return ` (allowed: ${list(Country.options)})`;
    case 'jurisdiction':
      return ` (allowed: ${list(JurisdictionProfileId.options)})`;
    case 'timeZone': {
      const country = record.country === 'BY' || record.country === 'RU' ? record.country : null;
      const zones = country ? COUNTRY_TIME_ZONES[country] : Object.values(COUNTRY_TIME_ZONES).flat();
      return ` (e.g. ${list(zones)})`;
    }
    case 'sphere':
      return spheres.length === 0
        ? ''
        : ` (the portal lists: ${list(spheres.map((s) => s.id))}; or a new key in that form)`;
    case 'category': {
      const categories = spheres.find((s) => s.id === record.sphere)?.categories ?? [];
      return categories.length === 0
        ? ''
        : ` (the portal lists for ${record.sphere}: ${list(categories.map((c) => c.id))}; or a new key in that form)`;
    }
    default:
      return '';
  }
}

const REQUIRED = ['id', 'name', 'country', 'jurisdiction', 'sphere', 'category', 'time_zone'];
const BATCH = 500;

/**
 * Checks every row (its fields, a unique id not yet taken, a parent that exists or comes earlier in
 * the file) and, unless `dryRun` or a row is refused, inserts them all in one transaction, in batches.
 */
export async function importOrganizations(
  db: Database,
  csv: string,
  dryRun: boolean,
): Promise<OrganizationImportResult> {
  const [header, ...lines] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw fieldRefusal(
      'csv-columns-missing',
      'body.csv',
      `The header row needs ${missing.join(', ')}`,
      `Columns missing: ${missing.join(', ')}`,
    );
  }
  const spheres = (await listSpheres(db)).items;
  const existing = new Set(
    (await db.query<{ id: string }>('SELECT id FROM organizations')).map((row) => row.id),
  );
  const seen = new Set<string>();
  const accepted: NewOrganization[] = [];
  const refused: OrganizationImportResult['refused'] = [];
  lines.forEach((cells, index) => {
    const line = index + 2;
    const record: Record<string, string | null> = {};
    names.forEach((name, column) => {
      const key = COLUMNS[name as keyof typeof COLUMNS];
      if (key === undefined) return;
      const value = (cells[column] ?? '').trim();
      record[key] = value === '' ? null : value;
    });
    const reasons: string[] = [];
    const parsed = v.safeParse(NewOrganization, record);
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const path = v.getDotPath(issue) ?? 'row';
        reasons.push(`${path}: ${issue.message}${allowedValues(path, record, spheres)}`);
      }
    }
    const id = record.id ?? null;
    if (id !== null && (existing.has(id) || seen.has(id))) reasons.push(`id: ${id} is taken`);
    const parent = record.parentId;
    if (parent && !existing.has(parent) && !seen.has(parent)) {
      reasons.push(`parentId: no organisation ${parent} (a parent must exist or come earlier)`);
    }
    if (id !== null) seen.add(id);
    if (reasons.length > 0 || !parsed.success) refused.push({ line, id, reasons });
    else accepted.push(parsed.output);
  });
  const result = { dryRun, rows: lines.length, created: 0, refused };
  if (dryRun || refused.length > 0 || accepted.length === 0) return result;
  await db.transaction(async (tx) => {
    for (let start = 0; start < accepted.length; start += BATCH) {
      const batch = accepted.slice(start, start + BATCH);
      const params: unknown[] = [];
      const tuples = batch.map((o) => {
        const values = rowValues(o);
        const first = params.length;
        params.push(...values);
        return `(${values.map((_, i) => `$${first + i + 1}`).join(', ')})`;
      });
      await tx.query(`INSERT INTO organizations ${INSERT_COLUMNS} VALUES ${tuples.join(', ')}`, params);
      const origins = batch.filter((o) => o.siteOrigin);
      if (origins.length > 0) {
        await tx.query(
          `INSERT INTO organization_origins (organization_id, origin) VALUES ${origins
            .map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`)
            .join(', ')} ON CONFLICT DO NOTHING`,
          origins.flatMap((o) => [o.id, o.siteOrigin]),
        );
      }
    }
  });
  return { ...result, created: accepted.length };
}
