import { describe, expect, it } from 'vitest';
import { pgliteBackend } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { allowExampleSite, pageForPortal } from './example-site.ts';

/** `PORT=4410 SITE_PORT=4411 pnpm demo`: the example site's widgets work on ports other than the defaults. */
describe('the example site on other ports', () => {
  const db = useDemoDatabase(pgliteBackend);

  it('its pages load the widgets from this portal', () => {
    const page = '<script src="http://localhost:8787/otklik.js" defer></script>';
    expect(pageForPortal(page, 'http://127.0.0.1:4410/')).toBe(
      '<script src="http://127.0.0.1:4410/otklik.js" defer></script>',
    );
  });

  it('the demo organisations accept it as a site of theirs, once however often the demo starts', async () => {
    const origins = () =>
      db.query<{ origin: string }>(
        `SELECT origin FROM organization_origins WHERE organization_id = 'demo-school' ORDER BY origin`,
      );
    expect((await origins()).map((r) => r.origin)).not.toContain('http://localhost:4411');
    await allowExampleSite(db, 4411);
    await allowExampleSite(db, 4411);
    expect((await origins()).map((r) => r.origin)).toEqual([
      'http://127.0.0.1:4411',
      'http://127.0.0.1:8788',
      'http://localhost:4411',
      'http://localhost:8788',
    ]);
  });
});
