import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from './chromium.ts';
import { type Harness, otklikReady, pageWith, repoRoot, startHarness } from './hostile-harness.ts';

/**
 * The screenshots in docs/guides/img/, taken from the built bundles with the demo portal. Only with
 * OTKLIK_SCREENSHOTS=1, so that `pnpm test` does not rewrite files:
 *
 *   pnpm build && OTKLIK_SCREENSHOTS=1 pnpm exec vitest run --project browser tests/browser/screenshots.test.ts
 *
 * The CMS pages are the markup the WordPress and Joomla plugins produce (run with `php` when it is
 * installed) inside a page styled like each CMS's default theme.
 */
const enabled = process.env.OTKLIK_SCREENSHOTS === '1';
const out = resolve(repoRoot, 'docs/guides/img');

/** What a CMS plugin turns `input` into, by its own PHP when php is installed. */
function cmsMarkup(cms: 'wordpress' | 'joomla', input: unknown, fallback: string): string {
  if (spawnSync('php', ['--version']).status !== 0) return fallback;
  const [script, dir, fn] =
    cms === 'wordpress'
      ? ['wordpress-run.php', 'plugins/wordpress/otklik', 'shortcode']
      : ['joomla-run.php', 'plugins/joomla', 'convert'];
  const output = execFileSync('php', [resolve(repoRoot, 'tests/plugins', script), resolve(repoRoot, dir)], {
    input: JSON.stringify([{ fn, input }]),
    encoding: 'utf8',
  });
  return (JSON.parse(output) as string[])[0] as string;
}

const wordpressCss = `body { margin: 0; font: 18px/1.6 Georgia, serif; color: #111; background: #f9f9f9 }
header { padding: 24px 48px; border-bottom: 1px solid #ddd; background: #fff }
header p { margin: 0; font: 600 20px system-ui, sans-serif } header small { color: #666; font-size: 14px }
article { max-width: 720px; margin: 32px auto; padding: 0 24px } h1 { font: 700 40px/1.2 system-ui, sans-serif }`;

const joomlaCss = `body { background: #f4f6f7 } .header { background: linear-gradient(135deg, #112855, #1f3047); color: #fff; padding: 24px 0 }
.header .brand { font-size: 24px; font-weight: 600 } main { background: #fff; padding: 24px; margin-top: 24px; border-radius: 4px }`;

describe.skipIf(!enabled || !chromiumAvailable())('screenshots for the guides (OTKLIK_SCREENSHOTS=1)', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    const wordpress = cmsMarkup(
      'wordpress',
      { type: 'appeal-counter', org: 'demo-school', variant: 'full' },
      '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>',
    );
    const joomla = cmsMarkup(
      'joomla',
      '<p>{otklik appeal-counter org=demo-school variant=full}</p>',
      '<div data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>',
    );
    h = await startHarness({
      pages: (portal) => ({
        '/wp.css': wordpressCss,
        '/joomla.css': joomlaCss,
        '/bootstrap.css': readFileSync(
          resolve(repoRoot, 'node_modules/bootstrap/dist/css/bootstrap.min.css'),
          'utf8',
        ),
        '/counter.html': pageWith(
          portal,
          `<div id="full" data-otklik="appeal-counter" data-org="demo-school" data-variant="full"></div>
<div id="compact" data-otklik="appeal-counter" data-org="demo-school"></div>
<div id="high" data-otklik="appeal-counter" data-org="demo-school" data-contrast="high"></div>`,
        ),
        '/form.html': pageWith(portal, '<div id="form" data-otklik="appeal" data-org="demo-school"></div>'),
        '/wordpress.html': pageWith(
          portal,
          `<header><p>Средняя школа № 1</p><small>Ещё один сайт на WordPress</small></header>
<article><h1>Обращения граждан</h1><p>Статистика обращений за месяц и год:</p>${wordpress}</article>`,
          { head: '<link rel="stylesheet" href="/wp.css">' },
        ),
        '/joomla.html': pageWith(
          portal,
          `<div class="header"><div class="container"><span class="brand">МБОУ СОШ № 1</span></div></div>
<div class="container"><main><h1 class="h2">Обращения граждан</h1>${joomla}</main></div>`,
          { head: '<link rel="stylesheet" href="/bootstrap.css"><link rel="stylesheet" href="/joomla.css">' },
        ),
        '/diagnose.html': pageWith(
          portal,
          `<div data-otklik=“appeal” data-org=“demo-school”></div>
<div data-otklik="appeal-counter" data-org="no-such-organization"></div>
<div data-otklik="appeal-counter" data-org="demo-school-2"></div>
<div id="report" data-otklik="diagnose"></div>`,
        ),
      }),
    });
    page = await h.browser.newPage({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function open(path: string): Promise<void> {
    await page.goto(`${h.site.origin}${path}`);
    await otklikReady(page);
    await page.evaluate(() => document.fonts.ready);
  }

  async function shoot(locator: Locator, name: string): Promise<void> {
    const png = await locator.screenshot({ animations: 'disabled', caret: 'hide' });
    await writeFile(resolve(out, name), png);
    expect(png.length).toBeGreaterThan(1000);
  }

  it('the counter: full, compact, high contrast', async () => {
    await open('/counter.html');
    await page.getByRole('table').first().waitFor();
    await page.locator('#compact section').filter({ hasText: /\d/ }).waitFor();
    await page.locator('#high section').filter({ hasText: /\d/ }).waitFor();
    await shoot(page.locator('#full > *').first(), 'counter-full.png');
    await shoot(page.locator('#compact > *').first(), 'counter-compact.png');
    await shoot(page.locator('#high > *').first(), 'counter-high-contrast.png');
  });

  it('the appeal form', async () => {
    await open('/form.html');
    await page.getByRole('textbox', { name: /Фамилия/ }).waitFor();
    await shoot(page.locator('#form > *').first(), 'appeal-form.png');
  });

  it('the WordPress and Joomla plugins’ markup on a page', async () => {
    await open('/wordpress.html');
    await page.getByRole('table').waitFor();
    await shoot(page.locator('body'), 'wordpress-result.png');
    await open('/joomla.html');
    await page.getByRole('table').waitFor();
    await shoot(page.locator('body'), 'joomla-result.png');
  });

  it('the diagnosis shown on the page', async () => {
    await open('/diagnose.html');
    await page.locator('#report li').nth(2).waitFor();
    await shoot(page.locator('#report > *').first(), 'diagnose-report.png');
  });
});
