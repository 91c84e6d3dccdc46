import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Database } from '../db/types.ts';
import { createLogger } from '../log.ts';
import { type Portal, startPortal } from '../server.ts';
import { RATE_PAGE_CSP } from './rate-page.ts';

const widgetsDir = mkdtempSync(join(tmpdir(), 'otklik-rate-page-'));
const quiet = createLogger('error', () => {});

/** The demo portal (PGlite), listening, and the same application for in-process requests. */
let portal: Portal;
let db: Database;
let app: Hono;
beforeAll(async () => {
  portal = await startPortal({
    database: { kind: 'pglite' },
    port: 0,
    seed: 'demo',
    widgetsDir,
    logger: quiet,
  });
  db = portal.db;
  app = createApp({ db, widgetsDir, logger: quiet });
});
afterAll(async () => {
  await portal?.close();
  rmSync(widgetsDir, { recursive: true, force: true });
});

describe('the portal’s rating page /r/{organizationId}', () => {
  it('serves the form and the badge of the organisation under a strict CSP', async () => {
    const res = await app.request('/r/demo-school');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(RATE_PAGE_CSP);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "require-trusted-types-for 'script'",
      "trusted-types 'none'",
      "frame-ancestors 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<script src="/otklik.js" defer></script>');
    expect(html).toContain('<div data-otklik="rate" data-org="demo-school"></div>');
    expect(html).toContain('<div data-otklik="rating" data-org="demo-school"></div>');
    expect(html).toContain('<h1>Оцените качество услуг</h1>');
    expect(html).toContain(
      '<p class="org">Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»</p>',
    );
    // No inline script; the one inline stylesheet is the one the policy's hash allows.
    expect(html.match(/<script(?![^>]*\bsrc=)/g)).toBeNull();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('speaks the language asked for, else the organisation’s first', async () => {
    const be = await (await app.request('/r/demo-school?lang=be')).text();
    expect(be).toContain('<html lang="be">');
    expect(be).toContain('<h1>Ацаніце якасць паслуг</h1>');
    const en = await (await app.request('/r/demo-school?lang=EN')).text();
    expect(en).toContain('<h1>Rate the quality of our services</h1>');
    expect(await (await app.request('/r/demo-school?lang=de')).text()).toContain('<html lang="ru">');
    // demo-by takes Belarusian first and Russian: the page offers both.
    const by = await (await app.request('/r/demo-by')).text();
    expect(by).toContain('<html lang="be">');
    expect(by).toContain('<a href="?lang=ru" lang="ru" hreflang="ru">Русский</a>');
    expect(by).toContain('<span aria-current="page" lang="be">Беларуская</span>');
  });

  it('answers 404 with a page for an unknown or malformed organisation id', async () => {
    const browser = { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } };
    for (const path of ['/r/nobody', '/r/Bad_Id', '/r/a--%3Cscript%3E?lang=en']) {
      const res = await app.request(path, browser);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(RATE_PAGE_CSP);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).not.toContain('data-otklik=');
      expect(html).not.toContain('<script');
    }
    expect(await (await app.request('/r/nobody?lang=en', browser)).text()).toContain(
      '<h1>Organisation not found</h1>',
    );
    expect(await (await app.request('/r/nobody', browser)).text()).toContain(
      '<h1>Организация не найдена</h1>',
    );
    // A client that does not read HTML (a script, a HEAD check) gets the portal's problem JSON.
    const script = await app.request('/r/nobody');
    expect(script.status).toBe(404);
    expect(script.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await script.json()).toMatchObject({ code: 'organization-not-found' });
    // Browsers ask the page's origin for a favicon: an empty answer, not a 404 in the console.
    expect((await app.request('/favicon.ico')).status).toBe(204);
  });

  it('lets the page’s own origin write to any organisation (same-origin POSTs carry Origin)', async () => {
    // app.request addresses http://localhost: that is the portal's own origin here.
    const own = await app.request('/v1/organizations/demo-school/challenges', {
      method: 'POST',
      headers: { Origin: 'http://localhost' },
    });
    expect(own.status).toBe(201);
    const foreign = await app.request('/v1/organizations/demo-school/challenges', {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe('origin-not-allowed');
    // Reads without Origin (same-origin GET) pass as before.
    expect((await app.request('/v1/organizations/demo-school/widget-settings')).status).toBe(200);

    // With PUBLIC_URL (behind a proxy, say), that origin is the portal's own.
    const proxied = createApp({ db, widgetsDir, logger: quiet, publicUrl: 'https://portal.example/' });
    const viaProxy = await proxied.request('/v1/organizations/demo-by/challenges', {
      method: 'POST',
      headers: { Origin: 'https://portal.example' },
    });
    expect(viaProxy.status).toBe(201);
    expect(
      (
        await proxied.request('/v1/organizations/demo-by/widget-settings', {
          headers: { Origin: 'https://x.example' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('same-origin requests over HTTP', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({
      database: { kind: 'pglite' },
      port: 0,
      seed: 'demo',
      widgetsDir,
      logger: quiet,
    });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('accepts a POST whose Origin is the address the portal was reached at', async () => {
    const post = (origin: string) =>
      fetch(`${portal.url}/v1/organizations/demo-school/challenges`, {
        method: 'POST',
        headers: { Origin: origin },
      });
    expect((await post(portal.url)).status).toBe(201);
    expect((await post('http://127.0.0.1:1')).status).toBe(403);
    const page = await fetch(`${portal.url}/r/demo-school`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RATE_PAGE_CSP);
  });
});
