import type { Language } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';
import { TtlCache } from '../http/cache.ts';
import type { OrganizationAccess, OriginAccess } from '../http/cors.ts';

/**
 * What the CORS check needs, cached briefly so the check (run on every organisation request, 304s
 * included) usually costs no query. Settings changes made on this instance invalidate at once;
 * other instances see them within the TTL.
 */
export class AccessStore implements OriginAccess {
  readonly #orgs = new TtlCache<OrganizationAccess | null>(10_000, 10_000);
  readonly #origins = new TtlCache<boolean>(10_000, 10_000);
  /** An appeal never changes organisation, so its owner may be cached long. */
  readonly #appeals = new TtlCache<string>(600_000, 10_000);

  constructor(private readonly db: Queryable) {}

  async organization(id: string): Promise<OrganizationAccess | null> {
    const cached = this.#orgs.get(id);
    if (cached !== undefined) return cached;
    const rows = await this.db.query<{
      id: string;
      name: string;
      languages: Language[];
      time_zone: string;
      origins: string[] | null;
    }>(
      `SELECT o.id, o.name, o.languages, o.time_zone,
         ARRAY(SELECT origin FROM organization_origins WHERE organization_id = o.id) AS origins
       FROM organizations o WHERE o.id = $1`,
      [id],
    );
    const row = rows[0];
    const access = row
      ? {
          id: row.id,
          name: row.name,
          languages: row.languages,
          timeZone: row.time_zone,
          origins: new Set(row.origins ?? []),
        }
      : null;
    this.#orgs.set(id, access);
    return access;
  }

  /**
   * The organisation as cached now, without a query: null when known not to exist, undefined when
   * not cached (a caller answering from memory then takes the ordinary path, which loads it).
   */
  cachedOrganization(id: string): OrganizationAccess | null | undefined {
    return this.#orgs.get(id);
  }

  /** The organisation an appeal belongs to, or null (also for ids that are not UUIDs). */
  async appealOrganization(appealId: string): Promise<string | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appealId)) return null;
    const cached = this.#appeals.get(appealId);
    if (cached !== undefined) return cached;
    const [row] = await this.db.query<{ organization_id: string }>(
      'SELECT organization_id FROM appeals WHERE id = $1',
      [appealId],
    );
    if (row) this.#appeals.set(appealId, row.organization_id);
    return row?.organization_id ?? null;
  }

  /** Whether any organisation allows `origin` (directory endpoints). */
  async anyOrganizationAllows(origin: string): Promise<boolean> {
    const cached = this.#origins.get(origin);
    if (cached !== undefined) return cached;
    const rows = await this.db.query('SELECT 1 FROM organization_origins WHERE origin = $1 LIMIT 1', [
      origin,
    ]);
    this.#origins.set(origin, rows.length > 0);
    return rows.length > 0;
  }

  invalidate(organizationId: string): void {
    this.#orgs.deletePrefix(organizationId);
    this.#origins.clear();
  }
}
