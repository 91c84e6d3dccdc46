import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { openDatabase } from '../db/index.ts';
import type { Database } from '../db/types.ts';
import { ProblemError, problemResponse } from '../http/problem.ts';
import { CONSOLE_CSP, registerConsole } from './serve.ts';

const INDEX = '<!doctype html><html lang="ru"><title>Console</title><div id="app"></div></html>\n';
const SCRIPT = 'export const screen = "queue";\n'.repeat(30);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'otklik-console-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{margin:0}');
  writeFileSync(join(dir, '.vite', 'manifest.json'), '{"secret":"manifest"}');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The module alone on a bare app, with the portal's problem responses. */
function consoleApp(consoleDir: string): Hono {
  const app = new Hono();
  registerConsole({ get: (path, handler) => void app.get(path, handler) }, consoleDir);
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    throw error;
  });
  return app;
}

const get = (app: Hono, path: string, acceptEncoding?: string) =>
  app.request(path, acceptEncoding ? { headers: { 'Accept-Encoding': acceptEncoding } } : {});

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
}

describe('the console served by the portal', () => {
  it('the policy is the strict one, Trusted Types included', () => {
    expect(CONSOLE_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; frame-src 'self' blob:; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
    );
  });

  it('sends index.html, not to be reused unchecked, at /console and /console/', async () => {
    const app = consoleApp(dir);
    for (const path of ['/console', '/console/', '/console/index.html']) {
      const response = await get(app, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(response);
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('falls back to index.html for the routes of the console', async () => {
    const app = consoleApp(dir);
    for (const path of ['/console/queue', '/console/appeals/2027-00015', '/console/settings/sites?x=1']) {
      const response = await get(app, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(response);
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('sends hashed assets immutable, in the encoding the browser accepts', async () => {
    const app = consoleApp(dir);
    const br = await get(app, '/console/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expectSecurityHeaders(br);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(SCRIPT);

    const gzip = await get(app, '/console/assets/index-abc123.js', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(SCRIPT);

    const identity = await get(app, '/console/assets/index-abc123.js');
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(await identity.text()).toBe(SCRIPT);

    const css = await get(app, '/console/assets/index-def456.css', 'br');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(await css.text()).toBe('body{margin:0}');
  });

  it('sends unhashed files revalidated, and the compressed page only while it is fresh', async () => {
    const app = consoleApp(dir);
    const icon = await get(app, '/console/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');

    const fresh = await get(app, '/console/', 'gzip');
    expect(fresh.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await fresh.arrayBuffer())).toString()).toBe(INDEX);
    // index.html rebuilt after its .gz: the stale .gz is not sent.
    const past = new Date(2020, 0, 1);
    utimesSync(join(dir, 'index.html.gz'), past, past);
    const stale = await get(app, '/console/queue', 'gzip');
    expect(stale.headers.get('content-encoding')).toBeNull();
    expect(await stale.text()).toBe(INDEX);
  });

  it('answers a missing asset with a 404 problem (never the page in its place), with the headers', async () => {
    const app = consoleApp(dir);
    for (const path of ['/console/assets/index-old999.js', '/console/assets/', '/console/assets/x/../y.js']) {
      const response = await get(app, path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect((await response.json()).code).toBe('not-found');
      expectSecurityHeaders(response);
    }
  });

  it('never serves what lies outside the build or in its dot-directories', async () => {
    writeFileSync(join(dir, '..', 'otklik-console-secret.txt'), 'secret');
    const app = consoleApp(dir);
    try {
      for (const path of [
        '/console/.vite/manifest.json',
        '/console/%2e%2e/otklik-console-secret.txt',
        '/console/..%2fotklik-console-secret.txt',
        '/console/assets/%2e%2e/%2e%2e/otklik-console-secret.txt',
        '/console/.%2e/otklik-console-secret.txt',
      ]) {
        const response = await get(app, path);
        const body = await response.text();
        expect(body, path).not.toContain('secret');
        expect([200, 404], path).toContain(response.status);
        if (response.status === 200) expect(body, path).toBe(INDEX);
      }
    } finally {
      rmSync(join(dir, '..', 'otklik-console-secret.txt'), { force: true });
    }
  });

  it('without a build, says so with a 404 problem', async () => {
    const response = await get(consoleApp(join(dir, 'missing')), '/console/queue');
    expect(response.status).toBe(404);
    expect((await response.json()).detail).toMatch(/not built/);
    expectSecurityHeaders(response);
  });

  describe('in the portal app', () => {
    let db: Database;
    beforeAll(async () => {
      db = await openDatabase({ kind: 'pglite' });
    });
    afterAll(() => db.close());

    it('is served at /console from `consoleDir`, GET and HEAD only', async () => {
      const app = createApp({ db, consoleDir: dir });
      const page = await app.request('/console/reports');
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(INDEX);
      expect((await app.request('/console/reports', { method: 'HEAD' })).status).toBe(200);
      const post = await app.request('/console/reports', { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      // Not under /console: not the console.
      expect((await app.request('/consoles')).status).toBe(404);
    });
  });
});
