import type { Country, LocalizedText, SphereList } from '@otklik/client/schemas';
import type { Queryable } from '../db/types.ts';

interface Row {
  sphere: string;
  category: string | null;
  sphere_name: LocalizedText | null;
  sphere_position: number | null;
  category_name: LocalizedText | null;
  category_position: number | null;
  count: number;
}

/** A sphere or category without a row in the names tables is shown by its id. */
const nameOr = (name: LocalizedText | null, id: string): LocalizedText => name ?? { en: id };

/**
 * Every sphere and category that has a name or has organisations, with the number of organisations
 * (of `country`, when given; so a named one may count 0). Named ones first in their configured order,
 * then the others by id.
 */
export async function listSpheres(db: Queryable, country?: Country): Promise<SphereList> {
  const rows = await db.query<Row>(
    `WITH counts AS (
       SELECT sphere, category, count(*)::int AS count FROM organizations
       WHERE $1::text IS NULL OR country = $1 GROUP BY sphere, category
     ),
     pairs AS (
       SELECT sphere, category FROM counts
       UNION SELECT sphere_id, id FROM categories
       UNION SELECT id, NULL FROM spheres
     )
     SELECT p.sphere, p.category, s.name AS sphere_name, s.position AS sphere_position,
       c.name AS category_name, c.position AS category_position, COALESCE(n.count, 0) AS count
     FROM pairs p
       LEFT JOIN spheres s ON s.id = p.sphere
       LEFT JOIN categories c ON c.sphere_id = p.sphere AND c.id = p.category
       LEFT JOIN counts n ON n.sphere = p.sphere AND n.category = p.category
     ORDER BY s.position IS NULL, s.position, p.sphere, c.position IS NULL, c.position, p.category`,
    [country ?? null],
  );
  const spheres = new Map<string, SphereList['items'][number]>();
  for (const row of rows) {
    let sphere = spheres.get(row.sphere);
    if (sphere === undefined) {
      sphere = { id: row.sphere, name: nameOr(row.sphere_name, row.sphere), count: 0, categories: [] };
      spheres.set(row.sphere, sphere);
    }
    // The (sphere, NULL) pair only makes a named sphere without categories appear.
    if (row.category === null) continue;
    sphere.count += row.count;
    sphere.categories.push({
      id: row.category,
      name: nameOr(row.category_name, row.category),
      count: row.count,
    });
  }
  return { items: [...spheres.values()] };
}
