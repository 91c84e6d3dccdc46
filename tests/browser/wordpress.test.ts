import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPortal } from '@otklik/portal';
import { type Mailbox, startMailbox } from '@otklik/portal/testing';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readL10nPhp, toMo } from '../../scripts/plugin-translations.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';
import {
  type Account,
  addUser,
  deletePlugin,
  editorCanvas,
  installWordPress,
  logIn,
  openEditor,
  publish,
  publishThroughRest,
  savePortalAddress,
  setSiteLanguage,
  uploadAndActivatePlugin,
} from './wordpress-admin.ts';
import {
  compareVersions,
  phpForWordPressAvailable,
  startWordPress,
  type WordPressBuild,
  type WordPressSite,
  wordpressBuilds,
} from './wordpress-site.ts';

/**
 * The WordPress plugin on real WordPress releases (the oldest the plugin declares and the newest the
 * `@wp-playground/wordpress-builds` package has), as a site owner uses it: WordPress's own installer in
 * English, the plugin's zip through the upload screen, the portal address on the settings page, a page
 * with the block inserted in the block editor, a post with shortcodes and a Custom HTML block, an
 * Author without `unfiltered_html`, the admin screens in Russian and Belarusian, uninstall — then the
 * published pages in Chromium against the real portal (PGlite, demo seed, mail over SMTP), an appeal
 * filed on the English page, and WordPress's debug log read for any PHP notice, warning or deprecation.
 */
const repoRoot = resolve(import.meta.dirname, '../..');
const widgetsDir = resolve(repoRoot, 'dist/widgets');
const pluginZip = resolve(repoRoot, 'dist/plugins/otklik-wordpress.zip');
const pluginDir = resolve(repoRoot, 'plugins/wordpress/otklik');

/** WordPress finds the editor script's translations as DOMAIN-LOCALE-md5(path in the plugin).json. */
const editorScriptHash = createHash('md5').update('block/editor.js').digest('hex');

const declared = /^ \* Requires at least:\s*(\S+)$/m.exec(
  readFileSync(join(pluginDir, 'otklik.php'), 'utf8'),
)?.[1] as string;

/** The oldest release the plugin declares it works with, and the newest the package ships. */
function buildsToTest(): WordPressBuild[] {
  const builds = wordpressBuilds();
  const oldest = builds.find((build) => build.branch === declared);
  const newest = builds.at(-1);
  if (!oldest || !newest) throw new Error(`no WordPress ${declared} among ${JSON.stringify(builds)}`);
  return compareVersions(oldest.branch, newest.branch) < 0 ? [oldest, newest] : [oldest];
}

/**
 * A language "installed" on the site: WordPress offers a site language when its core translation is in
 * wp-content/languages. The packs cannot be downloaded here, so an empty one stands in for each (the
 * admin screens stay English; only the plugin's own strings change).
 */
function coreLanguageStub(language: string): Uint8Array {
  return toMo({
    domain: 'default',
    language,
    pluralForms: 'nplurals=2; plural=(n != 1);',
    messages: new Map(),
  });
}

const admin: Account = { login: 'admin', password: 'Correct-Horse-Battery-42!', email: 'admin@school1.test' };
const author: Account = {
  login: 'teacher',
  password: 'Teacher-Staple-Battery-17!',
  email: 'teacher@school1.test',
};

/** What WordPress logs because WordPress.org cannot be reached from here (update checks). */
const offline = /Something may be wrong with WordPress\.org or this server/;

/** Lines of WordPress's debug log, each entry (`[date] PHP …`) on its own. */
const logEntries = (log: string) => log.split(/\n(?=\[)/).filter((line) => line.trim() !== '');

describe.skipIf(!chromiumAvailable() || !phpForWordPressAvailable())('the plugin on a real WordPress', () => {
  let portal: Awaited<ReturnType<typeof startPortal>>;
  let mailbox: Mailbox;
  let browser: Browser;

  beforeAll(async () => {
    for (const path of [resolve(widgetsDir, 'otklik.js'), pluginZip])
      if (!existsSync(path))
        throw new Error(`${path} is missing: run \`pnpm build\` first (\`pnpm test\` does).`);
    mailbox = await startMailbox();
    portal = await startPortal({
      database: { kind: 'pglite' },
      port: 0,
      seed: 'demo',
      widgetsDir,
      smtp: {
        url: `smtp://127.0.0.1:${mailbox.port}`,
        from: 'Otklik <noreply@otklik.test>',
        intervalMs: 100,
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await mailbox?.close();
  });

  describe.each(buildsToTest())('WordPress $release', (build) => {
    let site: WordPressSite;
    let adminContext: BrowserContext;
    let page: Page;
    /** Addresses of what is published: the page with the block, the posts with shortcodes. */
    const published = { blockPage: '', shortcodes: '', authorPost: '', blockPageId: 0 };

    beforeAll(async () => {
      site = await startWordPress(build, {
        files: {
          'wp-content/languages/ru_RU.mo': coreLanguageStub('ru_RU'),
          'wp-content/languages/bel.mo': coreLanguageStub('bel'),
        },
      });
      await portal.db.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
        'demo-school',
        site.origin,
      ]);
      adminContext = await browser.newContext();
      page = await adminContext.newPage();
    });

    afterAll(async () => {
      await adminContext?.close();
      await site?.close();
    });

    // A failed step leaves what the admin page showed, php -S's request log and the debug log in
    // test-results/wordpress-RELEASE/ (a flaky step on a loaded machine is then seen, not guessed).
    beforeEach(({ task, onTestFailed }) =>
      onTestFailed(async () => {
        const folder = resolve(repoRoot, `test-results/wordpress-${build.release}`);
        const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
        mkdirSync(folder, { recursive: true });
        await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true }).catch(() => {});
        const html = await page.content().catch((error: Error) => `(no page: ${error.message})`);
        writeFileSync(join(folder, `${name}.html`), `<!-- ${page.url()} -->\n${html}`);
        writeFileSync(join(folder, `${name}.php-server.log`), site.serverLog());
        writeFileSync(join(folder, `${name}.debug.log`), site.debugLog());
        console.warn(`${task.name}: the admin page, php -S's log and the debug log are in ${folder}`);
      }),
    );

    /** A visitor's page (no WordPress cookies), with page errors and console errors recorded. */
    async function visit(url: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
      const context = await browser.newContext();
      const visitor = await context.newPage();
      const errors: string[] = [];
      visitor.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      visitor.on(
        'console',
        (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`),
      );
      await visitor.goto(url);
      await visitor.evaluate(
        () => (window as unknown as { Otklik: { ready: Promise<unknown> } }).Otklik.ready,
      );
      return { page: visitor, errors, close: () => context.close() };
    }

    /**
     * Waits until the page's mount points are exactly `expected`, in order: each widget's name and the
     * text its shadow root shows once it has rendered (not a loading or an error state).
     */
    async function expectWidgets(visitor: Page, expected: Array<[widget: string, text: RegExp]>) {
      const read = () =>
        visitor.evaluate(() =>
          [...document.querySelectorAll('[data-otklik]')].map((element) => ({
            widget: element.getAttribute('data-otklik') ?? '',
            text: (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          })),
        );
      await expect
        .poll(read, { timeout: 20_000 })
        .toEqual(expected.map(([widget, text]) => ({ widget, text: expect.stringMatching(text) })));
      for (const mount of await read())
        expect(mount.text, mount.widget).not.toMatch(/unavailable|not set up/i);
    }

    /** The page's HTML as WordPress sends it: one loader, `<html lang="en-US">`, no div inside a p. */
    async function expectSoundMarkup(url: string, lang = 'en-US') {
      const html = await (await fetch(url)).text();
      expect(html).toContain(`<html lang="${lang}"`);
      // WordPress 6.3 writes attributes in single quotes, 6.4+ in double quotes.
      const loaders = html.match(/<script\b[^>]*\ssrc=["'][^"']*\/otklik\.js["'][^>]*>/g) ?? [];
      expect(loaders).toHaveLength(1);
      expect(loaders[0]).toContain(`${portal.url}/otklik.js`);
      expect(loaders[0]).toMatch(/\sdefer\b/);
      const divInParagraph = /<p(?:\s[^>]*)?>(?:(?!<\/p>)[\s\S])*?<div data-otklik/.exec(html);
      expect(divInParagraph?.[0] ?? null).toBeNull();
      return html;
    }

    it('installs in English, takes the plugin through the upload screen and saves the portal address', async () => {
      await installWordPress(page, site.origin, 'School No. 1', admin);
      await logIn(page, site.origin, admin, '/wp-admin/plugin-install.php?tab=upload');
      await uploadAndActivatePlugin(page, site.origin, pluginZip);
      const settings = await savePortalAddress(page, site.origin, portal.url);
      // The CSP advice names the portal, with 'self' as in the guide.
      const origin = new URL(portal.url).origin;
      expect(settings).toContain(`script-src 'self' ${origin}; connect-src 'self' ${origin}`);
      expect(
        site.query("SELECT option_value FROM wp_options WHERE option_name = 'otklik_portal_url'"),
      ).toEqual([{ option_value: portal.url }]);
    });

    it('inserts the block in the block editor, with an SVG icon on its placeholder, and publishes the page', async () => {
      const canvas: FrameLocator | Page = await openEditor(page, site.origin, 'page');
      // WordPress 6.5 opens its "Choose a pattern" chooser over a page still untouched, once the theme's
      // patterns have come over REST. The title comes first (filling needs no pointer): a page with a
      // title is not untouched, so the chooser closes or never opens, whichever came first.
      await canvas.getByRole('textbox', { name: 'Add title' }).fill('Appeals');
      await canvas.getByRole('button', { name: /Add default block/ }).click();
      await page.keyboard.type('/otklik');
      await page.getByRole('option', { name: 'Otklik' }).waitFor();
      await page.keyboard.press('Enter');

      const placeholder = canvas.locator('.wp-block-otklik-widget .components-placeholder');
      await placeholder.waitFor();
      expect(await placeholder.locator('.components-placeholder__label').innerText()).toBe('Otklik widget');
      // Inside the editor's iframe there is no dashicons font: the icon must be drawn by itself.
      const icon = placeholder.locator('.components-placeholder__label svg');
      const box = await icon.boundingBox();
      expect(box?.width).toBeGreaterThan(15);
      expect(await icon.locator('path').getAttribute('d')).toMatch(/^M/);
      expect(await placeholder.locator('.dashicon, .dashicons').count()).toBe(0);

      expect(await placeholder.getByLabel('Widget').inputValue()).toBe('appeal');
      await placeholder.getByLabel('Organisation ID').fill('demo-school');
      published.blockPage = await publish(page);
      published.blockPageId = await page.evaluate(() =>
        (window as unknown as { wp: { data: { select(s: string): { getCurrentPostId(): number } } } }).wp.data
          .select('core/editor')
          .getCurrentPostId(),
      );
    });

    it('publishes a post with shortcodes (a Shortcode block, alone in a paragraph, inline in text) and a Custom HTML block', async () => {
      published.shortcodes = (
        await publishThroughRest(
          page,
          site.origin,
          'posts',
          'Your opinion matters',
          [
            '<!-- wp:shortcode -->\n[otklik type="appeal-counter" org="demo-school"]\n<!-- /wp:shortcode -->',
            '<!-- wp:paragraph -->\n<p>[otklik type="rating" org="demo-school"]</p>\n<!-- /wp:paragraph -->',
            '<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">Rate our service: [otklik type="rating" org="demo-school" variant="full"] Thank you!</p>\n<!-- /wp:paragraph -->',
            '<!-- wp:html -->\n<div data-otklik="rate" data-org="demo-school"></div>\n<!-- /wp:html -->',
          ].join('\n\n'),
        )
      ).link;
    });

    it('on the published pages: the loader once, every widget rendered, no <div> inside a <p>', async () => {
      await expectSoundMarkup(published.blockPage);
      const html = await expectSoundMarkup(published.shortcodes);
      // The inline shortcode's paragraph is split around the widget, its text kept.
      expect(html).toContain('<p class="has-text-align-center">Rate our service: </p>');
      expect(html).toContain('<p class="has-text-align-center"> Thank you!</p>');

      const blockPage = await visit(published.blockPage);
      await expectWidgets(blockPage.page, [['appeal', /Surname/]]);
      expect(blockPage.errors).toEqual([]);
      await blockPage.close();

      const shortcodes = await visit(published.shortcodes);
      await expectWidgets(shortcodes.page, [
        ['appeal-counter', /appeals/],
        ['rating', /out of 5|No ratings yet/],
        ['rating', /out of 5|No ratings yet/],
        ['rate', /Fields marked with an asterisk/],
      ]);
      expect(shortcodes.errors).toEqual([]);
      await shortcodes.close();
    });

    it('files an appeal end to end on the English page: the appeal goes in Russian, the language the school takes', async () => {
      const email = `anna.${build.branch.replace('.', '-')}@example.test`;
      const { page: visitor, errors, close } = await visit(published.blockPage);
      // Otklik.ready means mounted, not rendered: the form shows its fields once the school's settings
      // have come from the portal (expect.poll's default second is too short for that here).
      await visitor.getByRole('textbox', { name: /Surname/ }).waitFor({ timeout: 20_000 });
      await visitor.getByRole('textbox', { name: /Surname/ }).fill('Smirnova');
      await visitor.getByRole('textbox', { name: /^First name/ }).fill('Anna');
      await visitor.getByRole('textbox', { name: /E-mail address/ }).fill(email);
      const since = Date.now();
      await visitor.getByRole('button', { name: 'Get a code' }).click();
      const mail = await mailbox.waitFor((m) => m.to.includes(email) && m.at.getTime() >= since - 1000);
      const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
      await visitor.getByRole('textbox', { name: /Code from the e-mail/ }).fill(code);
      await visitor.getByRole('button', { name: 'Confirm' }).click();
      await visitor.getByRole('radio', { name: 'Proposal' }).check();
      await visitor.getByRole('textbox', { name: /Your appeal/ }).fill('Прошу открыть кружок робототехники.');
      await visitor.getByRole('checkbox', { name: /consent/ }).check();
      await visitor.getByRole('button', { name: 'Send the appeal' }).click();
      await expect
        .poll(() => visitor.getByRole('heading', { name: 'Your appeal is registered' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      const rows = await portal.db.query<{ language: string; registration_number: string }>(
        'SELECT language, registration_number FROM appeals WHERE applicant_email = $1',
        [email],
      );
      expect(rows).toEqual([{ language: 'ru', registration_number: expect.any(String) }]);
      expect(
        await visitor.locator('[data-otklik="appeal"]').evaluate((el) => el.shadowRoot?.textContent),
      ).toContain(rows[0]?.registration_number);
      expect(errors).toEqual([]);
      await close();
    });

    it('an Author without unfiltered_html gets working widgets through the shortcode and the block', async () => {
      await addUser(page, site.origin, author, 'author');
      const authorContext = await browser.newContext();
      const authorPage = await authorContext.newPage();
      await logIn(authorPage, site.origin, author, '/wp-admin/post-new.php');
      const post = await publishThroughRest(
        authorPage,
        site.origin,
        'posts',
        'Appeals this year',
        [
          '<!-- wp:shortcode -->\n[otklik type="appeal-counter" org="demo-school" variant="full"]\n<!-- /wp:shortcode -->',
          '<!-- wp:otklik/widget {"type":"rating","org":"demo-school"} /-->',
          // Proof that WordPress filters this user's HTML: the script does not survive.
          '<!-- wp:html -->\n<script>alert(1)</script>\n<!-- /wp:html -->',
        ].join('\n\n'),
      );
      expect(post.raw).not.toContain('<script');
      expect(post.raw).toContain('[otklik type="appeal-counter" org="demo-school" variant="full"]');
      expect(post.raw).toContain('<!-- wp:otklik/widget {"type":"rating","org":"demo-school"} /-->');
      await authorContext.close();

      await expectSoundMarkup(post.link);
      const visitor = await visit(post.link);
      await expectWidgets(visitor.page, [
        ['appeal-counter', /Appeals received/],
        ['rating', /out of 5|No ratings yet/],
      ]);
      expect(await visitor.page.getByRole('table').count()).toBe(1);
      expect(visitor.errors).toEqual([]);
      await visitor.close();
    });

    it('speaks Russian and Belarusian on its screens, the Plugins screen and in the block editor', async () => {
      const cases = [
        { locale: 'ru_RU', file: 'otklik-ru_RU' },
        { locale: 'bel', file: 'otklik-bel' },
      ];
      for (const { locale, file } of cases) {
        const { messages } = readL10nPhp(readFileSync(join(pluginDir, `languages/${file}.l10n.php`), 'utf8'));
        const editorStrings = JSON.parse(
          readFileSync(join(pluginDir, `languages/${file}-${editorScriptHash}.json`), 'utf8'),
        ) as { locale_data: { messages: Record<string, string[]> } };
        const t = (text: string) => messages.get(text) ?? `(no translation of ${text})`;
        await setSiteLanguage(page, site.origin, locale);

        await page.goto(`${site.origin}/wp-admin/options-general.php?page=otklik`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t('Otklik settings'));
        expect(await page.getByRole('heading', { name: t('Content Security Policy') }).count()).toBe(1);

        await page.goto(`${site.origin}/wp-admin/plugins.php`);
        const row = page.locator('tr[data-plugin="otklik/otklik.php"]');
        expect(await row.locator('.plugin-title strong').innerText()).toBe(t('Otklik'));
        const description = t(
          'Appeal intake form, appeal status tracker, appeal counter and service-quality rating widgets from an Otklik portal: a shortcode, a block and the loader script.',
        );
        expect(await row.locator('.plugin-description').innerText()).toBe(description);

        await page.goto(`${site.origin}/wp-admin/post.php?post=${published.blockPageId}&action=edit`);
        const canvas = await editorCanvas(page);
        await expect
          .poll(() => canvas.locator('.wp-block-otklik-widget .components-placeholder__label').innerText(), {
            timeout: 20_000,
          })
          .toBe(editorStrings.locale_data.messages['Otklik widget']?.[0]);
      }
      await setSiteLanguage(page, site.origin, '');
    });

    it('deleting the plugin removes its option and its files', async () => {
      const option = "SELECT option_name FROM wp_options WHERE option_name LIKE 'otklik%'";
      expect(site.query(option)).toEqual([{ option_name: 'otklik_portal_url' }]);
      await deletePlugin(page, site.origin, 'otklik');
      expect(site.query(option)).toEqual([]);
      expect(existsSync(join(site.root, 'wp-content/plugins/otklik'))).toBe(false);
    });

    it('logs no PHP notice, warning or deprecation with WP_DEBUG on', () => {
      const entries = logEntries(site.debugLog());
      // Only WordPress's own complaints that WordPress.org is out of reach are expected here.
      expect(entries.filter((entry) => !offline.test(entry))).toEqual([]);
    });
  });
});
