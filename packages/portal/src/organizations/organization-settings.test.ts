import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppealReceipt,
  ConsentVersion,
  ConsentVersionList,
  OrganizationSettings,
  OriginCheckReport,
  OriginList,
  PowChallenge,
  Problem,
  StaffAppeal,
  StaffTopic,
  TopicList,
  WidgetSettings,
} from '@otklik/client/schemas';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { solveChallenge } from '../abuse/pow.ts';
import { createApp } from '../app.ts';
import { createKeyRing } from '../security/keys.ts';
import { DEMO_CONSENT } from '../seed/demo.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { belarusianAppeal } from '../testing/applicants.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoDatabase } from '../testing/demo-database.ts';
import { isPrivateAddress } from './site-check.ts';

const backends = await testBackends();
const SITE = 'http://localhost:8788';
const PORTAL = 'https://portal.example';

/** A small site for the live check: each path is one page with its headers. */
async function startSite(pages: Record<string, { html: string; csp?: string; status?: number }>) {
  const server: Server = createServer((req, res) => {
    const page = pages[req.url ?? '/'];
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(page.status ?? 200, {
      'Content-Type': 'text/html; charset=utf-8',
      ...(page.csp ? { 'Content-Security-Policy': page.csp } : {}),
    });
    res.end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('the SSRF guard', () => {
  it('knows private, loopback, link-local and mapped addresses, and lets public ones through', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe.each(backends)('organisation settings on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let app: ReturnType<typeof createApp>;
  let guarded: ReturnType<typeof createApp>;
  const keys: Record<string, string> = {};

  const db = useDemoDatabase(backend, {
    setup: async () => {
      const keyRing = createKeyRing(db, 'test-secret');
      const logger = { log() {} };
      app = createApp({
        db,
        keys: keyRing,
        pow: { maxNumber: 200 },
        logger,
        publicUrl: PORTAL,
        siteCheck: { allowPrivateNetworks: true, timeoutMs: 3000 },
      });
      guarded = createApp({ db, keys: keyRing, pow: { maxNumber: 200 }, logger, publicUrl: PORTAL });
      for (const org of ['demo-school', 'demo-by']) keys[org] = await createApiKey(db, org, 'test');
    },
  });

  const send = (method: string, path: string, body?: unknown, key?: string, on = app) =>
    on.request(path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(key === undefined ? {} : { Authorization: `Bearer ${key}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const staff = (org: string, method: string, rest: string, body?: unknown, on = app) =>
    send(method, `/v1/staff/organizations/${org}${rest}`, body, keys[org], on);
  const ok = async <T>(schema: v.GenericSchema<unknown, T>, res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return v.parse(schema, JSON.parse(text));
  };
  const refused = async (res: Response, status: number, code: string) => {
    const problem = v.parse(Problem, await res.json());
    expect({ status: res.status, code: problem.code }).toEqual({ status, code });
    return problem;
  };
  /** The refused paths, each with the reason the portal gives where it has one (its own rules). */
  const paths = async (res: Response) =>
    ((await refused(res, 422, 'validation-failed')).issues ?? [])
      .map((i) => (i.reason ? `${i.path} (${i.reason})` : i.path))
      .sort();
  const widget = async (org: string, language?: string) =>
    ok(
      WidgetSettings,
      await app.request(`/v1/organizations/${org}/widget-settings${language ? `?language=${language}` : ''}`),
    );

  async function pow(org: string) {
    const res = await send('POST', `/v1/organizations/${org}/challenges`, {});
    expect(res.status).toBe(201);
    return solveChallenge(v.parse(PowChallenge, await res.json()));
  }
  const byAppeal = async (extra: Record<string, unknown>) =>
    belarusianAppeal(`${randomUUID()}@example.com`, await pow('demo-by'), extra);
  const file = async (body: unknown) =>
    app.request('/v1/organizations/demo-by/appeals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID(), Origin: SITE },
      body: JSON.stringify(body),
    });
  const staffAppeal = async (appealId: string) =>
    ok(StaffAppeal, await send('GET', `/v1/staff/appeals/${appealId}`, undefined, keys['demo-by']));

  test('staff read the settings and change name, contacts, profile, languages and time zone', async () => {
    const before = await ok(OrganizationSettings, await staff('demo-school', 'GET', '/settings'));
    expect(before).toMatchObject({
      organizationId: 'demo-school',
      country: 'RU',
      jurisdiction: 'ru-59fz',
      consentVersion: DEMO_CONSENT.version,
      appeals: { identity: { emailCode: true, oidcProviders: [] } },
    });
    expect(before.allowedOrigins).toContain(SITE);
    const res = await staff('demo-school', 'PATCH', '/settings', {
      name: 'МБОУ «Средняя школа № 1»',
      shortName: 'Школа № 1',
      contacts: {
        email: 'school@example.ru',
        phone: '+7 (495) 123-45-67',
        website: 'https://school.example',
      },
      languages: ['ru', 'en'],
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(res.status).toBe(200);
    const after = await ok(OrganizationSettings, await staff('demo-school', 'GET', '/settings'));
    expect(after).toMatchObject({
      name: 'МБОУ «Средняя школа № 1»',
      shortName: 'Школа № 1',
      contacts: {
        email: 'school@example.ru',
        phone: '+7 (495) 123-45-67',
        website: 'https://school.example',
        address: before.contacts.address,
      },
      languages: ['ru', 'en'],
      timeZone: 'Asia/Yekaterinburg',
    });
    expect((await widget('demo-school')).timeZone).toBe('Asia/Yekaterinburg');
    // null clears an optional field.
    await staff('demo-school', 'PATCH', '/settings', { shortName: null, contacts: { phone: null } });
    expect(await ok(OrganizationSettings, await staff('demo-school', 'GET', '/settings'))).toMatchObject({
      shortName: null,
      contacts: { phone: null, email: 'school@example.ru' },
    });
    const audited = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE organization_id = 'demo-school' AND action = 'settings.update'`,
    );
    expect(audited).toHaveLength(2);
  });

  test('bad settings are refused with 422 naming the field, and nothing changes', async () => {
    const before = await ok(OrganizationSettings, await staff('demo-school', 'GET', '/settings'));
    expect(
      await paths(await staff('demo-school', 'PATCH', '/settings', { timeZone: 'Mars/Olympus' })),
    ).toEqual(['body.timeZone']);
    expect(await paths(await staff('demo-school', 'PATCH', '/settings', { timeZone: '+03:00' }))).toEqual([
      'body.timeZone',
    ]);
    expect(
      await paths(await staff('demo-school', 'PATCH', '/settings', { jurisdiction: 'us-foia' })),
    ).toEqual(['body.jurisdiction']);
    // A Belarusian profile does not fit a Russian school.
    expect(
      await paths(await staff('demo-school', 'PATCH', '/settings', { jurisdiction: 'by-300z', name: 'X' })),
    ).toEqual(['body.jurisdiction']);
    expect(
      await paths(
        await staff('demo-school', 'PATCH', '/settings', {
          languages: ['ru', 'ru'],
          contacts: { email: 'not-an-email' },
          name: '   ',
        }),
      ),
    ).toEqual(['body.contacts.email', 'body.languages', 'body.name']);
    expect(await ok(OrganizationSettings, await staff('demo-school', 'GET', '/settings'))).toEqual(before);
    // Another organisation's key and no key at all are refused.
    expect(
      (await send('GET', '/v1/staff/organizations/demo-school/settings', undefined, keys['demo-by'])).status,
    ).toBe(403);
    expect((await send('GET', '/v1/staff/organizations/demo-school/settings')).status).toBe(401);
  });

  test('origins are added and removed one at a time', async () => {
    const added = await ok(
      OriginList,
      await staff('demo-school', 'POST', '/origins', { origin: 'https://new.example' }),
    );
    expect(added.allowedOrigins).toContain('https://new.example');
    // Adding it again changes nothing.
    expect(
      (
        await ok(
          OriginList,
          await staff('demo-school', 'POST', '/origins', { origin: 'https://new.example' }),
        )
      ).allowedOrigins,
    ).toEqual(added.allowedOrigins);
    expect((await widget('demo-school')).allowedOrigins).toContain('https://new.example');
    expect(
      await paths(await staff('demo-school', 'POST', '/origins', { origin: 'https://new.example/page' })),
    ).toEqual(['body.origin']);
    const removed = await ok(
      OriginList,
      await staff('demo-school', 'DELETE', `/origins/${encodeURIComponent('https://new.example')}`),
    );
    expect(removed.allowedOrigins).not.toContain('https://new.example');
    expect(removed.allowedOrigins).toContain(SITE);
  });

  test('the site check says what a page still needs, and refuses private addresses unless allowed', async () => {
    const loader = `<script src="${PORTAL}/otklik.js" defer></script>`;
    const mount = '<div data-otklik="appeal" data-org="demo-school"></div>';
    const site = await startSite({
      '/ready': {
        html: `<html><head>${loader}</head><body>${mount}</body></html>`,
        csp: `default-src 'self'; script-src 'self' ${PORTAL}; connect-src 'self' ${PORTAL}`,
      },
      '/bare': { html: '<html><body><p>Hello</p></body></html>' },
      '/strict': {
        html: `<html><head>${loader}</head><body>${mount}</body></html>`,
        csp: "default-src 'self'",
      },
      '/gone': { html: 'gone', status: 410 },
    });
    try {
      const check = async (path: string) =>
        ok(
          OriginCheckReport,
          await staff('demo-school', 'POST', '/site-check', { pageUrl: `${site.url}${path}` }),
        );
      const statuses = (report: OriginCheckReport) =>
        Object.fromEntries(report.items.map((item) => [item.id, item.status]));

      // The site's origin is not allowed yet: that is the one thing missing.
      const first = await check('/ready');
      expect(first.ready).toBe(false);
      expect(statuses(first)).toEqual({
        'origin-allowed': 'missing',
        'page-reachable': 'ok',
        'loader-script': 'ok',
        'mount-div': 'ok',
        csp: 'ok',
      });
      expect(first.items[0]).toMatchObject({ advice: 'add-origin', code: site.url });
      expect(first.items[0]?.hint).toContain(site.url);
      await staff('demo-school', 'POST', '/origins', { origin: site.url });
      expect((await check('/ready')).ready).toBe(true);

      const bare = await check('/bare');
      expect(statuses(bare)).toMatchObject({ 'loader-script': 'missing', 'mount-div': 'missing', csp: 'ok' });
      expect(bare.items.find((i) => i.id === 'loader-script')).toMatchObject({
        advice: 'add-loader-script',
        code: `<script src="${PORTAL}/otklik.js" defer></script>`,
      });
      expect(bare.items.find((i) => i.id === 'mount-div')?.advice).toBe('add-mount-div');
      expect(bare.items.find((i) => i.id === 'loader-script')?.hint).toContain(`${PORTAL}/otklik.js`);
      const strict = await check('/strict');
      expect(statuses(strict)).toMatchObject({ 'loader-script': 'ok', csp: 'missing' });
      expect(strict.items.find((i) => i.id === 'csp')).toMatchObject({
        advice: 'allow-portal-in-csp',
        code: `script-src ${PORTAL}; connect-src ${PORTAL}`,
      });
      expect(strict.items.find((i) => i.id === 'csp')?.hint).toContain('script-src, connect-src');
      const gone = await check('/gone');
      expect(gone).toMatchObject({ ready: false, httpStatus: 410 });
      expect(statuses(gone)).toMatchObject({ 'page-reachable': 'missing', 'loader-script': 'unknown' });
      expect(gone.items.find((i) => i.id === 'page-reachable')?.advice).toBe('page-http-status');

      // Without the allowance: loopback (by address and by name), link-local and private are refused.
      for (const pageUrl of [
        `${site.url}/ready`,
        `http://localhost:${new URL(site.url).port}/ready`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/',
        'http://[::1]/',
      ]) {
        const res = await staff('demo-school', 'POST', '/site-check', { pageUrl }, guarded);
        const problem = await refused(res, 422, 'validation-failed');
        expect(problem.issues?.[0]?.path, pageUrl).toBe('body.pageUrl');
        expect(problem.issues?.[0]?.message).toMatch(/private, loopback or link-local/);
        expect([problem.reason, problem.issues?.[0]?.reason], pageUrl).toEqual([
          'address-not-public',
          'address-not-public',
        ]);
      }
      expect(
        await paths(await staff('demo-school', 'POST', '/site-check', { pageUrl: 'ftp://x.example/' })),
      ).toEqual(['body.pageUrl']);
    } finally {
      await site.close();
    }
  });

  test('a new consent version is current at once; old appeals keep the version they accepted', async () => {
    const legacy = await widget('demo-by', 'be');
    expect(legacy.appeals.consent.version).toBe(DEMO_CONSENT.version);
    const old = await ok(
      AppealReceipt,
      await file(await byAppeal({ consent: { version: DEMO_CONSENT.version, accepted: true } })),
      201,
    );

    const published = await ok(
      ConsentVersion,
      await staff('demo-by', 'POST', '/consent-versions', {
        documents: {
          be: { title: 'Згода на апрацоўку персанальных даных', url: 'https://site.example/be/zgoda' },
          ru: { title: 'Согласие на обработку персональных данных', text: 'Я согласен.\n\nНа всё.' },
        },
      }),
      201,
    );
    expect(published.version).toBe('2');
    const be = (await widget('demo-by', 'be')).appeals.consent;
    expect(be).toEqual({
      version: '2',
      title: 'Згода на апрацоўку персанальных даных',
      documentUrl: 'https://site.example/be/zgoda',
    });
    const ru = (await widget('demo-by', 'ru')).appeals.consent;
    expect(ru).toEqual({
      version: '2',
      title: 'Согласие на обработку персональных данных',
      documentUrl: `${PORTAL}/consent/demo-by/2?lang=ru`,
    });
    // The text document is a page of the portal.
    const page = await app.request('/consent/demo-by/2?lang=ru');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<h1>Согласие на обработку персональных данных</h1>');
    expect(html).toContain('<p>Я согласен.</p>');
    expect((await app.request('/consent/demo-by/99')).status).toBe(404);

    // The old version is refused for a new appeal; the new one is taken and recorded.
    await refused(
      await file(await byAppeal({ consent: { version: DEMO_CONSENT.version, accepted: true } })),
      422,
      'consent-required',
    );
    const fresh = await ok(
      AppealReceipt,
      await file(await byAppeal({ consent: { version: '2', accepted: true } })),
      201,
    );
    // Staff see the version each applicant accepted, with that version's document in the appeal's language.
    expect((await staffAppeal(old.appealId)).consent).toMatchObject({
      version: DEMO_CONSENT.version,
      document: { title: DEMO_CONSENT.title, url: DEMO_CONSENT.url },
    });
    expect((await staffAppeal(fresh.appealId)).consent).toMatchObject({
      version: '2',
      document: { title: 'Згода на апрацоўку персанальных даных', url: 'https://site.example/be/zgoda' },
    });

    const { versions } = await ok(ConsentVersionList, await staff('demo-by', 'GET', '/consent-versions'));
    expect(versions.map((x) => [x.version, x.current, x.appeals])).toEqual([
      ['2', true, 1],
      [DEMO_CONSENT.version, false, 1],
    ]);
    expect(versions[1]?.documents.be?.url).toBe(DEMO_CONSENT.url);
    expect((await ok(OrganizationSettings, await staff('demo-by', 'GET', '/settings'))).consentVersion).toBe(
      '2',
    );

    // The first language is required; a language the organisation does not use is refused.
    expect(
      await paths(
        await staff('demo-by', 'POST', '/consent-versions', {
          documents: { ru: { title: 'x', url: 'https://a.example' } },
        }),
      ),
    ).toEqual(['body.documents.be (first-language-required)']);
    expect(
      await paths(
        await staff('demo-by', 'POST', '/consent-versions', {
          documents: { be: { title: 'x', url: 'https://a.example' }, en: { title: 'x', text: 'y' } },
        }),
      ),
    ).toEqual(['body.documents.en (language-not-offered)']);
    expect(
      await paths(await staff('demo-by', 'POST', '/consent-versions', { documents: { be: { title: 'x' } } })),
    ).toEqual(['body.documents.be']);
    expect(
      (await ok(ConsentVersionList, await staff('demo-by', 'GET', '/consent-versions'))).versions,
    ).toHaveLength(2);
  });

  test('topics in each language are served in the page language; archived topics stay on old appeals', async () => {
    const legacy = await ok(TopicList, await staff('demo-by', 'GET', '/topics'));
    expect(legacy.topics.length).toBeGreaterThan(0);
    const meals = await ok(
      StaffTopic,
      await staff('demo-by', 'PUT', '/topics/meals', { names: { be: 'Харчаванне', ru: 'Питание' } }),
    );
    expect(meals).toMatchObject({ id: 'meals', archived: false });
    await ok(
      StaffTopic,
      await staff('demo-by', 'PUT', '/topics/transport', { names: { be: 'Транспарт', ru: 'Транспорт' } }),
    );
    const names = (settings: WidgetSettings) =>
      Object.fromEntries(settings.appeals.topics.map((t) => [t.id, t.name]));
    expect(names(await widget('demo-by', 'be'))).toMatchObject({
      meals: 'Харчаванне',
      transport: 'Транспарт',
    });
    expect(names(await widget('demo-by', 'ru'))).toMatchObject({ meals: 'Питание', transport: 'Транспорт' });
    // English is not a language of the organisation: its first language (be) stands in.
    expect(names(await widget('demo-by', 'en')).transport).toBe('Транспарт');
    // Legacy topics were kept, named in the first language until renamed.
    const all = await ok(TopicList, await staff('demo-by', 'GET', '/topics'));
    expect(all.topics.map((t) => t.id)).toEqual([...legacy.topics.map((t) => t.id), 'transport']);

    const withTransport = await ok(
      AppealReceipt,
      await file(await byAppeal({ consent: { version: '2', accepted: true }, topicId: 'transport' })),
      201,
    );
    const archived = await ok(
      StaffTopic,
      await staff('demo-by', 'PUT', '/topics/transport', {
        names: { be: 'Транспарт', ru: 'Транспорт' },
        archived: true,
      }),
    );
    expect(archived.archived).toBe(true);
    expect(names(await widget('demo-by', 'be')).transport).toBeUndefined();
    await refused(
      await file(await byAppeal({ consent: { version: '2', accepted: true }, topicId: 'transport' })),
      422,
      'validation-failed',
    );
    expect(await staffAppeal(withTransport.appealId)).toMatchObject({
      topicId: 'transport',
      topicName: 'Транспарт',
    });

    // Reordering lists every topic that is not archived.
    const active = all.topics.filter((t) => t.id !== 'transport').map((t) => t.id);
    const reordered = await ok(
      TopicList,
      await staff('demo-by', 'PUT', '/topic-order', { ids: [...active].reverse() }),
    );
    expect(reordered.topics.map((t) => t.id)).toEqual([...[...active].reverse(), 'transport']);
    expect((await widget('demo-by', 'be')).appeals.topics.map((t) => t.id)).toEqual([...active].reverse());
    expect(await paths(await staff('demo-by', 'PUT', '/topic-order', { ids: active.slice(1) }))).toEqual([
      'body.ids (topic-order-incomplete)',
    ]);
    // The first language's name is required; an unknown language refused.
    expect(await paths(await staff('demo-by', 'PUT', '/topics/x', { names: { ru: 'Х' } }))).toEqual([
      'body.names.be (first-language-required)',
    ]);
    expect(await paths(await staff('demo-by', 'PUT', '/topics/x', { names: { be: 'Х', en: 'X' } }))).toEqual([
      'body.names.en (language-not-offered)',
    ]);
  });

  test('the e-mail code turned off: the forms do not offer it and the code endpoint refuses', async () => {
    const ask = (email: string) =>
      send('POST', '/v1/organizations/demo-by/identity/email-code', { email, language: 'ru' });
    expect((await ask('before@example.org')).status).toBe(202);
    await ok(
      OrganizationSettings,
      await staff('demo-by', 'PATCH', '/appeal-options', { identity: { emailCode: false } }),
    );
    try {
      const settings = await widget('demo-by');
      expect(settings.appeals.identity.emailCode).toBe(false);
      expect(settings.ratings.identity.emailCode).toBe(false);
      const problem = await refused(await ask('after@example.org'), 403, 'forbidden');
      expect(problem.detail).toMatch(/does not offer the e-mail code/);
      const [queued] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM email_verifications WHERE organization_id = 'demo-by' AND email = 'after@example.org'`,
      );
      expect(queued?.n).toBe(0);
      // Ratings cannot then require an identity: there would be no way to give one.
      expect(
        await paths(await staff('demo-by', 'PATCH', '/rating-settings', { identification: 'required' })),
      ).toEqual(['body.identification (identity-method-required)']);
      // Another organisation keeps its own setting.
      expect(
        (
          await send('POST', '/v1/organizations/demo-school/identity/email-code', {
            email: 'after@example.org',
          })
        ).status,
      ).toBe(202);
    } finally {
      await staff('demo-by', 'PATCH', '/appeal-options', { identity: { emailCode: true } });
    }
    expect((await ask('again@example.org')).status).toBe(202);
    // Ratings that require an identity keep the code on (no other method here).
    expect((await staff('demo-by', 'PATCH', '/rating-settings', { identification: 'required' })).status).toBe(
      200,
    );
    try {
      expect(
        await paths(await staff('demo-by', 'PATCH', '/appeal-options', { identity: { emailCode: false } })),
      ).toEqual(['body.identity.emailCode (identity-method-required)']);
    } finally {
      await staff('demo-by', 'PATCH', '/rating-settings', { identification: 'anonymous' });
    }
  });

  test('identity methods and attachment rules stay within the portal and the profile', async () => {
    expect(
      await paths(
        await staff('demo-school', 'PATCH', '/appeal-options', {
          identity: { oidcProviders: ['esia'] },
          attachments: { maxFiles: 50, maxFileBytes: 1e9, mediaTypes: ['application/x-msdownload'] },
        }),
      ),
    ).toEqual([
      'body.attachments.maxFileBytes (above-portal-limit)',
      'body.attachments.maxFiles (above-portal-limit)',
      'body.attachments.mediaTypes.0 (media-type-not-taken)',
      'body.identity.oidcProviders.0 (oidc-provider-unknown)',
    ]);
    // ru-59fz requires identity: the e-mail code cannot be turned off without another method.
    expect(
      await paths(await staff('demo-school', 'PATCH', '/appeal-options', { identity: { emailCode: false } })),
    ).toEqual(['body.identity.emailCode (identity-method-required)']);
    const saved = await ok(
      OrganizationSettings,
      await staff('demo-school', 'PATCH', '/appeal-options', {
        attachments: { maxFiles: 2, maxFileBytes: 1_000_000, mediaTypes: ['application/pdf'] },
      }),
    );
    expect(saved.appeals.attachments).toEqual({
      maxFiles: 2,
      maxFileBytes: 1_000_000,
      mediaTypes: ['application/pdf'],
    });
    expect((await widget('demo-school')).appeals.attachments).toEqual(saved.appeals.attachments);

    // The upload endpoint enforces the organisation's own rules.
    const upload = (name: string, data: Uint8Array) => {
      const form = new FormData();
      form.append('file', new Blob([data as Uint8Array<ArrayBuffer>]), name);
      return app.request('/v1/organizations/demo-school/attachments', {
        method: 'POST',
        headers: { Origin: SITE },
        body: form,
      });
    };
    const pdf = (size: number) => {
      const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n');
      const tail = Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n');
      return new Uint8Array(
        Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 32), tail]),
      );
    };
    const png = new Uint8Array(
      Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    );
    await refused(await upload('photo.png', png), 415, 'unsupported-media-type');
    await refused(await upload('big.pdf', pdf(1_200_000)), 413, 'payload-too-large');
    expect((await upload('small.pdf', pdf(2000))).status).toBe(201);
  });
});
