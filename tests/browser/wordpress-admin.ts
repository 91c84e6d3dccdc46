import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What a site owner does in a real WordPress's admin screens, driven in Chromium: the installer, the
 * login form, Plugins → Add New → Upload, Settings, Users → Add New, the block editor. Each step waits
 * for WordPress's own confirmation on the page.
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
 * Runs WordPress's installer in English. It starts at the installer's second screen, the one its
 * language chooser leads to: the chooser lists languages from WordPress.org, which is not reachable here.
 */
export async function installWordPress(page: Page, origin: string, title: string, admin: Account) {
  await page.goto(`${origin}/wp-admin/install.php?step=1`);
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
  return page.locator('#wpbody-content').innerText();
}

/** Users → Add New User, without the notification mail (this WordPress has no mail server). */
export async function addUser(page: Page, origin: string, account: Account, role: string) {
  await page.goto(`${origin}/wp-admin/user-new.php`);
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
  const guide = page.getByRole('dialog').getByRole('button', { name: 'Close' });
  if (await guide.isVisible()) await guide.click();
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
  page.once('dialog', (dialog) => void dialog.accept());
  await page
    .locator(`tr[data-plugin^="${name}/"]`)
    .getByRole('link', { name: /^Delete/ })
    .click();
  await visible(page.getByText(/was successfully deleted/));
}
