/**
 * The demo's "Demo ID" end to end, as `pnpm start` runs it: the real `cli.ts demo` in a second process
 * (fresh PGlite directory, free ports), a demo person signed in to the console through the provider's
 * own login page, a demo applicant's identity for the appeal form through the same provider, and the
 * page's refusals.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_CALLBACK_PATH } from '../identity/oidc.ts';
import { STAFF_OIDC_CALLBACK_PATH } from '../people/oidc-sign-in.ts';
import { DEMO_APPLICANT_ACCOUNTS, DEMO_STAFF_ACCOUNTS } from './identity.ts';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A browser's cookie jar and navigation, enough for the provider's redirects and its one form. */
class Browser {
  readonly #jar = new Map<string, string>();

  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.#jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const eq = pair.indexOf('=');
      this.#jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
    return res;
  }

  /** Follows redirects until `stop` (not fetched) or a page that answers itself. */
  async follow(start: URL, stop: string, first?: Response): Promise<{ url: URL; page?: Response }> {
    let url = start;
    let res = first;
    for (let hop = 0; hop < 20; hop++) {
      if (res === undefined) {
        if (url.href.startsWith(stop)) return { url };
        res = await this.request(url);
      }
      const location = res.headers.get('location');
      if (location === null) return { url, page: res };
      url = new URL(location, url);
      res = undefined;
    }
    throw new Error('too many redirects');
  }

  /** Submits the login page's form with `account` (the button's `formaction` when given). */
  async submit(page: URL, html: string, fields: Record<string, string>, action?: string): Promise<Response> {
    const formAction =
      action ?? /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    if (!formAction) throw new Error(`no form on ${page.href}`);
    return this.request(new URL(formAction, page), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

describe('the demo’s OpenID Connect provider (cli.ts demo)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let portal: string;
  let publicUrl: string;
  let issuer: string;
  let banner = '';
  let stderr = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'otklik-demo-identity-'));
    const [port, site, mailbox, oidc] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    portal = `http://127.0.0.1:${port}`;
    publicUrl = `http://localhost:${port}`;
    issuer = `http://127.0.0.1:${oidc}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OTKLIK_DATA_DIR: dataDir,
      PORT: String(port),
      SITE_PORT: String(site),
      MAILBOX_PORT: String(mailbox),
      OIDC_PORT: String(oidc),
      LOG_LEVEL: 'error',
    };
    for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'OTKLIK_OIDC_PROVIDERS', 'OTKLIK_STAFF_OIDC_PROVIDER'])
      delete env[name];
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'demo'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        if (banner.includes('Ctrl+C stops the demo.')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${stderr}`)));
    });
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('what it prints leads with the address to open, not the one it listens on', () => {
    const [first] = banner.split('\n');
    expect(first).toBe(`Otklik demo is running: open ${publicUrl} in your browser.`);
    // The listen address comes last, for whoever runs it; nothing went to stderr before the banner.
    expect(banner.indexOf(portal)).toBeGreaterThan(banner.indexOf('Applicants confirm'));
    expect(stderr).toBe('');
  });

  it('the banner says how to sign in each way, and where', () => {
    expect(banner).toContain(`School site:  http://localhost:`);
    expect(banner).toContain(`Demo mailbox: ${publicUrl}/demo/mailbox`);
    expect(banner).toContain(`Console:      ${publicUrl}/console`);
    expect(banner).toContain(`Demo ID:      ${issuer}`);
    expect(banner).toContain('"Demo ID" on the sign-in page');
    expect(banner).toContain('the one-time code from the demo mailbox');
    for (const person of DEMO_STAFF_ACCOUNTS) expect(banner).toContain(person.email);
    for (const applicant of DEMO_APPLICANT_ACCOUNTS) expect(banner).toContain(applicant.email);
  });

  it('the addresses the banner prints open pages: the portal’s says where everything is, Demo ID’s what it is', async () => {
    const home = await fetch(`${portal}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const homeHtml = await home.text();
    const links = [...homeHtml.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(
      expect.arrayContaining([
        `${publicUrl}/console`,
        `${publicUrl}/v1/docs`,
        `${publicUrl}/r/demo-school`,
        `${publicUrl}/demo/mailbox`,
        issuer,
      ]),
    );
    for (const person of DEMO_STAFF_ACCOUNTS) expect(homeHtml).toContain(person.email);
    // Russian by default, each person's note too; the browser's language or the switch picks another.
    expect(homeHtml).toContain('<html lang="ru">');
    expect(homeHtml).toContain('<h1>Демо-портал</h1>');
    expect(homeHtml).toContain(DEMO_STAFF_ACCOUNTS[0]?.note.ru);
    expect(home.headers.get('content-language')).toBe('ru');
    expect(home.headers.get('vary')).toBe('Accept-Language');
    const be = await fetch(`${portal}/`, { headers: { 'Accept-Language': 'be-BY,be;q=0.9,ru;q=0.8' } });
    expect(be.headers.get('content-language')).toBe('be');
    expect(await be.text()).toContain('<h1>Дэма-партал</h1>');
    const en = await (await fetch(`${portal}/?lang=en`, { headers: { 'Accept-Language': 'be' } })).text();
    expect(en).toContain('<h1>Demo portal</h1>');
    expect(en).toContain('<a href="?lang=en" lang="en" hreflang="en" aria-current="true">English</a>');
    // The mailbox's page speaks the same languages, with its own hashed style and no timed refresh.
    const mailbox = await fetch(`${portal}/demo/mailbox`);
    expect(mailbox.headers.get('content-language')).toBe('ru');
    expect(mailbox.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const mailboxHtml = await mailbox.text();
    expect(mailboxHtml).toContain('<h1>Демо-почта</h1>');
    expect(mailboxHtml).not.toContain('http-equiv="refresh"');
    expect(await (await fetch(`${portal}/demo/mailbox?lang=be`)).text()).toContain('<h1>Дэма-пошта</h1>');
    // Each link on the portal answers (the school site's pages are another server's).
    for (const link of links.filter((l) => l?.startsWith(publicUrl)))
      expect((await fetch(`${portal}${(link as string).slice(publicUrl.length)}`)).status, link).toBe(200);

    const idp = await fetch(`${issuer}/`);
    expect(idp.status).toBe(200);
    const idpHtml = await idp.text();
    expect(idpHtml).toContain('<h1>Demo ID</h1>');
    expect(idpHtml).toContain('<html lang="ru">');
    expect(idpHtml).toContain(`<a href="${publicUrl}/console/sign-in">`);
    expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('a demo person signs in to the console through the provider’s login page', async () => {
    const methods = await fetch(`${portal}/v1/staff/sign-in-methods`);
    expect(await methods.json()).toEqual({ emailCode: true, oidc: { name: 'Demo ID' } });
    const browser = new Browser();
    const started = await browser.request(new URL(`${portal}/v1/staff/oidc-sign-in`), { method: 'POST' });
    expect(started.status).toBe(200);
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    expect(new URL(authorizationUrl).origin).toBe(issuer);
    const callback = `${publicUrl}${STAFF_OIDC_CALLBACK_PATH}`;

    const login = await browser.follow(new URL(authorizationUrl), callback);
    expect(login.page?.status).toBe(200);
    expect(login.page?.headers.get('content-security-policy')).toContain(`form-action 'self' ${publicUrl}`);
    const html = (await login.page?.text()) ?? '';
    // In Russian unless the browser prefers Belarusian or English, or the page's switch says so.
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<h1>Вход через Demo ID</h1>');
    expect(html).toContain('<button type="submit" class="primary">Войти</button>');
    for (const [lang, heading] of [
      ['be', 'Уваход праз Demo ID'],
      ['en', 'Sign in with Demo ID'],
    ] as const) {
      const headers = { 'Accept-Language': `${lang === 'be' ? 'be-BY' : 'en-GB'},ru;q=0.5` };
      const translated = await browser.request(login.url, { headers });
      expect(translated.headers.get('content-language')).toBe(lang);
      expect(await translated.text()).toContain(`<h1>${heading}</h1>`);
      const switched = await browser.request(new URL(`${login.url.pathname}?lang=${lang}`, login.url));
      expect(await switched.text()).toContain(`<h1>${heading}</h1>`);
    }
    // The staff accounts, each a labelled radio button; no applicants on the console's page.
    const offered = [...html.matchAll(/name="account" id="(account-\d+)" value="([^"]+)"/g)];
    expect(offered.map((m) => m[2])).toEqual(DEMO_STAFF_ACCOUNTS.map((a) => a.email));
    for (const [, id] of offered) expect(html).toContain(`<label for="${id}">`);

    // An address not offered on this page is refused there, the page shown again with the reason.
    const wrong = await browser.submit(login.url, html, { account: DEMO_APPLICANT_ACCOUNTS[0]?.email ?? '' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain(
      '<p class="error" role="alert">Выберите одну из учётных записей ниже.</p>',
    );

    const clerk = 'clerk@school.demo.otklik.localhost';
    const chosen = await browser.submit(login.url, html, { account: clerk });
    const back = await browser.follow(login.url, callback, chosen);
    expect(back.page).toBeUndefined();
    // The console's callback page hands these to the portal, in the browser that started.
    const completed = await browser.request(new URL(`${portal}/v1/staff/oidc-sign-in/complete`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(back.url.searchParams)),
    });
    expect(completed.status).toBe(200);
    const session = (await completed.json()) as {
      person: { email: string };
      memberships: { organizationId: string; role: string }[];
    };
    expect(session.person.email).toBe(clerk);
    expect(session.memberships).toContainEqual(
      expect.objectContaining({ organizationId: 'demo-school', role: 'coordinator' }),
    );
    expect((await browser.request(new URL(`${portal}/v1/staff/appeals`))).status).toBe(200);
  });

  it('Cancel on the login page sends the console a refusal, no session', async () => {
    const browser = new Browser();
    const started = await browser.request(new URL(`${portal}/v1/staff/oidc-sign-in`), { method: 'POST' });
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const callback = `${publicUrl}${STAFF_OIDC_CALLBACK_PATH}`;
    const login = await browser.follow(new URL(authorizationUrl), callback);
    const html = (await login.page?.text()) ?? '';
    const cancel = /formaction="([^"]+)"/.exec(html)?.[1];
    expect(cancel).toMatch(/\/cancel\?lang=ru$/);
    const refused = await browser.submit(login.url, html, {}, cancel);
    const back = await browser.follow(login.url, callback, refused);
    expect(back.url.searchParams.get('error')).toBe('access_denied');
    expect(back.url.searchParams.has('code')).toBe(false);
  });

  it('a demo applicant confirms their address for the demo school’s appeal form', async () => {
    const settings = await fetch(`${portal}/v1/organizations/demo-school/widget-settings`);
    const body = (await settings.json()) as { appeals: { identity: { oidcProviders: unknown } } };
    expect(body.appeals.identity.oidcProviders).toEqual([{ id: 'demo-id', name: 'Demo ID' }]);

    const browser = new Browser();
    const returnOrigin = publicUrl;
    const start = new URL(
      `${portal}/v1/organizations/demo-school/identity/oidc/demo-id/start?returnOrigin=${encodeURIComponent(returnOrigin)}`,
    );
    const callback = `${publicUrl}${OIDC_CALLBACK_PATH}`;
    const login = await browser.follow(start, callback);
    const html = (await login.page?.text()) ?? '';
    const offered = [...html.matchAll(/name="account" id="account-\d+" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(DEMO_APPLICANT_ACCOUNTS.map((a) => a.email));
    const applicant = DEMO_APPLICANT_ACCOUNTS[0]?.email ?? '';
    const chosen = await browser.submit(login.url, html, { account: applicant });
    const back = await browser.follow(login.url, callback, chosen);
    // The portal's callback (fetched at the address it listens on) posts the identity to the form.
    const page = await browser.request(new URL(`${portal}${back.url.pathname}${back.url.search}`));
    expect(page.status).toBe(200);
    const text = (await page.text()).replaceAll('&quot;', '"');
    expect(text).toContain(`"email":"${applicant}"`);
    expect(text).toContain('"method":"oidc:demo-id"');
    expect(text).toContain(`data-origin="${returnOrigin}"`);
  });
});
