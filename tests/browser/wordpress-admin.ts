import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What a site owner does in a real WordPress's admin screens, driven in Chromium: the installer, the
 * login form, Plugins → Add New → Upload, Settings, Users → Add New, the block editor. Each step waits
 * for WordPress's own confirmation on the page, and for what a person waits for before acting: the
 * page's scripts to have done what they do on their own after it loads (see `settled`).
 */

export interface Account {
  readonly login: string;
  readonly password: string;
  readonly email: string;
}

const timeout = { timeout: 20_000 };

async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', ...timeout });
}

/**
 * Waits until the admin page now shown has loaded and its scripts have set it up. WordPress's notices
 * ("Settings saved.", "Plugin deactivated.") come at the top of a page php -S is still sending: seen
 * alone they do not mean the rest of the page is there, nor that the footer scripts have bound their
 * handlers (jQuery's ready callbacks run in tasks of their own after DOMContentLoaded; one added now
 * runs after all those the page's scripts added). A click before that does what the page does without
 * JavaScript — the Plugins screen's Delete link then leads to a confirmation screen instead.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load', timeout);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (window as unknown as { jQuery: (ready: () => void) => void }).jQuery(() => resolve()),
      ),
  );
}

/**
 * Waits for user-profile.js to have put its suggested password into #pass1: it does so once zxcvbn has
 * loaded, which starts only after the page's load event, and then moves the focus to #pass1. Typing
 * before that loses the race: the suggestion replaces the typed password, or the focus jumps into
 * #pass1 in the middle of filling another field. Afterwards a typed password stays.
 */
async function passwordSuggested(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (document.querySelector<HTMLInputElement>('#pass1')?.value ?? '') !== '',
    undefined,
    timeout,
  );
}

/**
 * Runs WordPress's installer in English. It starts at the installer's second screen, the one its
 * language chooser leads to: the chooser lists languages from WordPress.org, which is not reachable here.
 */
export async function installWordPress(page: Page, origin: string, title: string, admin: Account) {
  await page.goto(`${origin}/wp-admin/install.php?step=1`);
  await passwordSuggested(page);
  await page.locator('#weblog_title').fill(title);
  await page.locator('#user_login').fill(admin.login);
  await page.locator('#pass1').fill(admin.password);
  await page.locator('#admin_email').fill(admin.email);
  await page.locator('#submit').click();
  await visible(page.getByRole('heading', { name: 'Success!' }));
}

export async function logIn(page: Page, origin: string, account: Account, then = '/wp-admin/profile.php') {
  await page.context().clearCookies();
  await page.goto(`${origin}/wp-login.php?redirect_to=${encodeURIComponent(`${origin}${then}`)}`);
  // The login screen focuses #user_login and selects its text 200 ms after it is parsed
  // (wp_attempt_focus, a setTimeout): typing before that sends the password into the username field
  // when the timer fires between the two fills, as it does on a loaded machine.
  await page.waitForFunction(() => document.activeElement?.id === 'user_login', undefined, timeout);
  await page.locator('#user_login').fill(account.login);
  await page.locator('#user_pass').fill(account.password);
  await page.locator('#wp-submit').click();
  await page.waitForURL(`${origin}${then}`, timeout);
}

/** Plugins → Add New Plugin → Upload Plugin → Install Now → Activate Plugin. */
export async function uploadAndActivatePlugin(page: Page, origin: string, zip: string) {
  await page.goto(`${origin}/wp-admin/plugin-install.php?tab=upload`);
  await page.locator('#pluginzip').setInputFiles(zip);
  await page.locator('#install-plugin-submit').click();
  await visible(page.getByText('Plugin installed successfully.'));
  await page.getByRole('link', { name: 'Activate Plugin' }).click();
  await visible(page.getByText('Plugin activated.'));
}

/** Settings → Otklik: saves the portal address. Returns the page's text after saving. */
export async function savePortalAddress(page: Page, origin: string, portal: string): Promise<string> {
  await page.goto(`${origin}/wp-admin/options-general.php?page=otklik`);
  await page.getByLabel('Portal address').fill(portal);
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await visible(page.getByText('Settings saved.'));
  // The notice is at the top; what follows it may still be arriving.
  await settled(page);
  return page.locator('#wpbody-content').innerText();
}

/** Users → Add New User, without the notification mail (this WordPress has no mail server). */
export async function addUser(page: Page, origin: string, account: Account, role: string) {
  await page.goto(`${origin}/wp-admin/user-new.php`);
  // Only once the suggestion is in does the button below set the password at once; before, it too
  // waits for zxcvbn and then overwrites whatever was typed meanwhile.
  await passwordSuggested(page);
  await page.locator('#user_login').fill(account.login);
  await page.locator('#email').fill(account.email);
  // The password field is revealed by its button, filled with a generated password: replace it.
  const reveal = page.locator('.wp-generate-pw');
  if (await reveal.isVisible()) await reveal.click();
  await page.locator('#pass1').fill(account.password);
  await page.locator('#send_user_notification').uncheck();
  await page.locator('#role').selectOption(role);
  await page.locator('#createusersub').click();
  await visible(page.getByText('New user created.'));
}

/** Settings → General → Site Language. */
export async function setSiteLanguage(page: Page, origin: string, locale: string) {
  await page.goto(`${origin}/wp-admin/options-general.php`);
  await page.locator('#WPLANG').selectOption(locale);
  await page.locator('#submit').click();
  await visible(page.getByText('Settings saved.'));
  await settled(page);
}

/** Opens the block editor on a new post of `type`, with the welcome guide dismissed. */
export async function openEditor(
  page: Page,
  origin: string,
  type: 'post' | 'page',
): Promise<FrameLocator | Page> {
  await page.goto(`${origin}/wp-admin/post-new.php?post_type=${type}`);
  return editorCanvas(page);
}

/**
 * The editor's content area once the editor has rendered (WordPress 6.3+ puts it in an iframe when
 * every block uses API version 3), with the welcome guide, which opens with it, closed.
 */
export async function editorCanvas(page: Page): Promise<FrameLocator | Page> {
  await visible(page.locator('iframe[name="editor-canvas"], .editor-styles-wrapper'));
  const canvas =
    (await page.locator('iframe[name="editor-canvas"]').count()) > 0
      ? page.frameLocator('iframe[name="editor-canvas"]')
      : page;
  await visible(canvas.locator('.editor-post-title, .wp-block-post-title'));
  // Whether the guide shows is the editor's preference, known before the editor renders; whether it is
  // already on screen is not: asking the screen could miss a guide that opens a moment later and then
  // covers the editor.
  const guideShown = await page.evaluate(() =>
    (window as unknown as WpGlobal).wp.data.select('core/edit-post').isFeatureActive('welcomeGuide'),
  );
  if (guideShown) {
    const guide = page.locator('.edit-post-welcome-guide');
    await guide.getByRole('button', { name: 'Close' }).click(timeout);
    await guide.waitFor({ state: 'detached', ...timeout });
  }
  return canvas;
}

/** Publishes the post open in the editor (the button, then the pre-publish panel's button). */
export async function publish(page: Page): Promise<string> {
  await page.getByRole('region', { name: 'Editor top bar' }).getByRole('button', { name: 'Publish' }).click();
  await page
    .getByRole('region', { name: 'Editor publish' })
    .getByRole('button', { name: 'Publish', exact: true })
    .click();
  await page.waitForFunction(
    () => {
      const wp = (window as unknown as WpGlobal).wp;
      return (
        wp.data.select('core/editor').isCurrentPostPublished() &&
        !wp.data.select('core/editor').isSavingPost()
      );
    },
    undefined,
    timeout,
  );
  return page.evaluate(() => (window as unknown as WpGlobal).wp.data.select('core/editor').getPermalink());
}

interface WpGlobal {
  wp: {
    data: {
      select(store: 'core/editor'): {
        isCurrentPostPublished(): boolean;
        isSavingPost(): boolean;
        getPermalink(): string;
      };
      select(store: 'core/edit-post'): { isFeatureActive(feature: 'welcomeGuide'): boolean };
    };
    apiFetch(options: {
      path: string;
      method: string;
      data?: unknown;
    }): Promise<{ link: string; id: number; content: { raw: string } }>;
  };
}

/**
 * Creates and publishes a post of `type` through the REST API, as the signed-in user, the way the block
 * editor itself saves (its apiFetch, with its nonce). Returns the post's address, id and its content as
 * WordPress stored it (after filtering the user's HTML).
 */
export async function publishThroughRest(
  page: Page,
  origin: string,
  type: 'posts' | 'pages',
  title: string,
  content: string,
): Promise<{ link: string; id: number; raw: string }> {
  if (!page.url().includes('/wp-admin/')) await page.goto(`${origin}/wp-admin/post-new.php`);
  await page.waitForFunction(
    () => typeof (window as unknown as Partial<WpGlobal>).wp?.apiFetch === 'function',
  );
  const post = await page.evaluate(
    async ({ type, title, content }) => {
      const { apiFetch } = (window as unknown as WpGlobal).wp;
      const created = await apiFetch({
        path: `/wp/v2/${type}`,
        method: 'POST',
        data: { title, content, status: 'publish' },
      });
      const stored = await apiFetch({ path: `/wp/v2/${type}/${created.id}?context=edit`, method: 'GET' });
      return { link: created.link, id: created.id, raw: stored.content.raw };
    },
    { type, title, content },
  );
  expect(post.link).toMatch(/^http/);
  return post;
}

/** Deactivates and deletes the plugin on the Plugins screen (WordPress then runs its uninstall.php). */
export async function deletePlugin(page: Page, origin: string, name: string) {
  await page.goto(`${origin}/wp-admin/plugins.php`);
  const row = page.locator(`tr[data-plugin^="${name}/"]`);
  await row.getByRole('link', { name: /^Deactivate/ }).click();
  await visible(page.getByText('Plugin deactivated.'));
  // Delete is handled by updates.js (a confirm(), then admin-ajax): its click handler must be bound.
  await settled(page);
  page.once('dialog', (dialog) => void dialog.accept());
  await page
    .locator(`tr[data-plugin^="${name}/"]`)
    .getByRole('link', { name: /^Delete/ })
    .click();
  await visible(page.getByText(/was successfully deleted/));
}
