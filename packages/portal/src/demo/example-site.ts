import type { Queryable } from '../db/types.ts';
import { DEMO_ORGANIZATIONS } from '../seed/demo.ts';

/** Where the example site's pages load the widgets from, as written in examples/site. */
const PAGES_PORTAL_URL = 'http://localhost:8787';

/**
 * An example page as served next to this portal: its widgets load from `portalUrl`, so a demo on
 * other ports (PORT, SITE_PORT) still shows working widgets.
 */
export function pageForPortal(html: string, portalUrl: string): string {
  return html.replaceAll(PAGES_PORTAL_URL, portalUrl.replace(/\/+$/, ''));
}

/** The origins the example site is served from on `port` (both names the browser may use). */
export const exampleSiteOrigins = (port: number) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

/**
 * Lets the demo organisations' widgets run on the example site served on `port` (the seed allows
 * the default 8788 only): the origin check would refuse them on any other port. Idempotent.
 */
export async function allowExampleSite(db: Queryable, port: number): Promise<void> {
  for (const origin of exampleSiteOrigins(port))
    await db.query(
      `INSERT INTO organization_origins (organization_id, origin)
       SELECT id, $2 FROM organizations WHERE id = ANY($1::text[]) ON CONFLICT DO NOTHING`,
      [DEMO_ORGANIZATIONS.map((o) => o.id), origin],
    );
}
