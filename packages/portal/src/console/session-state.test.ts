/**
 * The console's page tells the browser whether it is signed in (a `<meta>` session.ts reads), so that
 * a signed-out visit does not ask `GET /v1/staff/session` and get the 401 the browser logs as an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/types.ts';
import { staffHarness } from '../people/staff-harness.ts';
import { SESSION_IDLE_MS } from '../staff/sessions.ts';
import { openDemoDatabase, testBackends } from '../testing/backends.ts';

const INDEX =
  '<!doctype html><html lang="ru"><head><title>Console</title></head><div id="app"></div></html>\n';
const meta = (state: string) => `<meta name="otklik-session" content="${state}">`;

describe('the console page, told who is signed in (PGlite)', async () => {
  const [pglite] = await testBackends();
  let db: Database;
  let close = async () => {};
  let dir: string;
  let h: ReturnType<typeof staffHarness>;

  beforeAll(async () => {
    ({ db, close } = await openDemoDatabase(pglite as NonNullable<typeof pglite>));
    dir = mkdtempSync(join(tmpdir(), 'otklik-console-state-'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    h = staffHarness(db, { consoleDir: dir });
    await h.addPerson('clerk@school.example', [['demo-school', 'coordinator']]);
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await close();
  });

  const page = (cookie?: string, headers: Record<string, string> = {}) =>
    h.call('GET', '/console/queue', { cookie, headers });

  it('without a cookie: signed out, the page never shared between browsers', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX.replace('</head>', `${meta('signed-out')}\n</head>`));
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('with a live session’s cookie: signed in, and the page does not move its idle expiry', async () => {
    const { cookie } = await h.signIn('clerk@school.example');
    const seen = async () =>
      (await db.query<{ t: Date }>('SELECT max(last_seen_at) AS t FROM staff_sessions'))[0]?.t.getTime();
    const before = await seen();
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const res = await page(cookie, { 'Accept-Encoding': 'br' });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toContain(
      meta('signed-in'),
    );
    expect(await seen()).toBe(before);
    // And the session check the page then makes answers.
    expect((await h.call('GET', '/v1/staff/session', { cookie })).status).toBe(200);
  });

  it('with an ended session’s cookie (idle, signed out): signed out, and the cookie cleared', async () => {
    const idle = await h.signIn('clerk@school.example');
    h.clock.now = new Date(h.clock.now.getTime() + SESSION_IDLE_MS + 1000);
    const signedOut = await h.signIn('clerk@school.example');
    const out = await h.call('DELETE', '/v1/staff/session', signedOut);
    expect(out.status).toBe(204);
    for (const { cookie } of [idle, signedOut]) {
      const res = await page(cookie);
      expect(await res.text()).toContain(meta('signed-out'));
      expect(res.headers.get('set-cookie')).toMatch(/^otklik-session=; .*Max-Age=0/);
    }
  });
});
