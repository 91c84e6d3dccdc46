import { randomUUID } from 'node:crypto';
import {
  createClient,
  isOtklikError,
  type OtklikClient,
  type OtklikClientError,
  solveChallenge,
} from '@otklik/client';
import { createApiKey, type Portal, startPortal } from '@otklik/portal';
import { testBackends } from '@otklik/portal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * @otklik/client against the real portal in this process: the demo data on PGlite and, when it is
 * reachable, on a fresh PostgreSQL database. No mocks: every response crosses real HTTP.
 */
const backends = await testBackends();

async function failure(promise: Promise<unknown>): Promise<OtklikClientError> {
  try {
    await promise;
  } catch (error) {
    if (isOtklikError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(backends)('client against the portal on $name', (backend) => {
  let portal: Portal;
  let cleanup: () => Promise<void>;
  let otklik: OtklikClient;

  beforeAll(async () => {
    if (backend.skipReason) return;
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    portal = await startPortal({ database: fresh.database, port: 0, seed: 'demo' });
    otklik = createClient({ baseUrl: portal.url, retries: 0 });
  });
  afterAll(async () => {
    await portal?.close();
    await cleanup?.();
  });

  it.skipIf(backend.skipReason)('searches the directory by text, sphere, category and parent', async () => {
    const all = await otklik.searchOrganizations({ limit: 100 });
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((organization) => organization.id)).toEqual(
      expect.arrayContaining(['demo-school', 'demo-by', 'demo-edu-dept']),
    );

    const department = await otklik.getOrganization('demo-edu-dept');
    const subordinates = await otklik.searchOrganizations({ parent: 'demo-edu-dept' });
    expect(subordinates.total).toBeGreaterThanOrEqual(3);
    expect(subordinates.total).toBe(department.subordinateCount);
    expect(subordinates.items.every((organization) => organization.parentId === 'demo-edu-dept')).toBe(true);

    const belarusian = await otklik.searchOrganizations({ country: 'BY' });
    expect(belarusian.items.map((organization) => organization.jurisdiction)).toContain('by-300z');
    expect(belarusian.items.every((organization) => organization.country === 'BY')).toBe(true);

    const firstPage = await otklik.searchOrganizations({ limit: 2, offset: 0 });
    const secondPage = await otklik.searchOrganizations({ limit: 2, offset: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect(secondPage.items[0]?.id).not.toBe(firstPage.items[0]?.id);
    expect(firstPage.total).toBe(all.total);
  });

  it.skipIf(backend.skipReason)('reads profiles, services and widget settings', async () => {
    const school = await otklik.getOrganization('demo-school');
    expect(school).toMatchObject({ id: 'demo-school', country: 'RU', jurisdiction: 'ru-59fz' });
    const services = await otklik.listServices('demo-school');
    expect(services.items.length).toBeGreaterThan(0);
    const settings = await otklik.getWidgetSettings('demo-by');
    expect(settings).toMatchObject({ organizationId: 'demo-by', jurisdiction: 'by-300z' });
    expect(settings.languages).toEqual(expect.arrayContaining(['be', 'ru']));
  });

  it.skipIf(backend.skipReason)('reads the appeal counter with consistent figures', async () => {
    const counter = await otklik.getAppealCounter('demo-school');
    const { month, year } = counter;
    expect(year.received).toBeGreaterThan(0);
    expect(year.received).toBeGreaterThanOrEqual(month.received);
    expect(month.byType.proposal + month.byType.application + month.byType.complaint).toBe(month.received);
    const { supported, supportedMeasuresTaken, notSupported, explained, total } = year.considered;
    expect(supported + supportedMeasuresTaken + notSupported + explained).toBe(total);
    expect(year.overdue).toBeLessThanOrEqual(year.inProgress);

    const lastYear = await otklik.getAppealCounter('demo-school', {
      on: `${Number(counter.asOf.slice(0, 4)) - 1}-06-15`,
    });
    expect(lastYear.month.from).toMatch(/-06-01$/);
    expect(lastYear.year.to).toMatch(/-12-31$/);
  });

  it.skipIf(backend.skipReason)(
    'rates a service, then reads the badge, ranking, analytics and spheres',
    async () => {
      const settings = await otklik.getWidgetSettings('demo-by');
      expect(settings.ratings).toMatchObject({ enabled: true, identification: 'anonymous' });
      expect(settings.ratings.criteriaSet.id).toBe('by-base');
      const [service] = (await otklik.listServices('demo-by')).items;
      const before = await otklik.getRatingSummary('demo-by');
      const rating = {
        serviceId: service?.id ?? '',
        serviceDate: new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(new Date()),
        scores: Object.fromEntries(
          settings.ratings.criteriaSet.criteria.map((criterion) => [criterion.id, 5]),
        ),
        deviceId: 'integration-test-device',
        proofOfWork: await solveChallenge(await otklik.createChallenge('demo-by')),
      };
      const idempotencyKey = randomUUID();
      const receipt = await otklik.submitRating('demo-by', rating, { idempotencyKey });
      expect(receipt).toMatchObject({ identified: false, summary: { count: before.count + 1 } });
      expect(await otklik.submitRating('demo-by', rating, { idempotencyKey })).toEqual(receipt);
      const again = { ...rating, proofOfWork: await solveChallenge(await otklik.createChallenge('demo-by')) };
      expect(
        await failure(otklik.submitRating('demo-by', again, { idempotencyKey: randomUUID() })),
      ).toMatchObject({
        kind: 'problem',
        status: 409,
        code: 'already-rated',
      });
      expect(await otklik.getRatingSummary('demo-by')).toEqual(receipt.summary);

      const ranking = await otklik.getRatingRanking('demo-school', { scope: 'siblings', limit: 2 });
      expect(ranking).toMatchObject({ total: 4, limit: 2, position: { of: 4 } });
      expect(ranking.items.map((entry) => entry.rank)).toEqual([1, 2]);
      const analytics = await otklik.getRatingAnalytics('demo-edu-dept', { period: 'month', months: 3 });
      expect(analytics.trend).toHaveLength(3);
      expect(analytics.subordinates.map((s) => s.organizationId).sort()).toEqual(
        ['demo-gymnasium-4', 'demo-lyceum-3', 'demo-school', 'demo-school-2'].sort(),
      );
      const spheres = await otklik.listSpheres({ country: 'RU' });
      expect(spheres.items.find((sphere) => sphere.id === 'education')).toMatchObject({
        name: { ru: 'Образование' },
        count: 5,
      });
    },
  );

  it.skipIf(backend.skipReason)(
    'staff answer an appeal through the typed client with an API key; other keys see nothing',
    async () => {
      const settings = await otklik.getWidgetSettings('demo-by');
      const receipt = await otklik.fileAppeal(
        'demo-by',
        {
          type: 'application',
          language: 'ru',
          applicant: {
            surname: 'Караленка',
            firstName: 'Алесь',
            patronymic: 'Іванавіч',
            email: 'staff-flow@example.com',
            postalAddress: 'г. Минск, ул. Ленина, 1',
          },
          text: 'Прошу разъяснить порядок записи в первый класс.',
          consent: { version: settings.appeals.consent.version, accepted: true },
          proofOfWork: await solveChallenge(await otklik.createChallenge('demo-by')),
        },
        { idempotencyKey: randomUUID() },
      );

      const desk = createClient({
        baseUrl: portal.url,
        apiKey: await createApiKey(portal.db, 'demo-by'),
        retries: 0,
      });
      const queue = await desk.listStaffAppeals({ status: 'registered', limit: 100 });
      expect(queue.items.map((item) => item.appealId)).toContain(receipt.appealId);
      const appeal = await desk.getStaffAppeal(receipt.appealId);
      expect(appeal).toMatchObject({
        registrationNumber: receipt.registrationNumber,
        applicant: { email: 'staff-flow@example.com', postalAddress: 'г. Минск, ул. Ленина, 1' },
      });
      expect((await desk.changeStaffAppealStatus(receipt.appealId, { status: 'in_review' })).status).toBe(
        'in_review',
      );
      const answered = await desk.answerStaffAppeal(receipt.appealId, {
        result: 'explained',
        text: 'Запись ведётся с 1 апреля через портал.',
      });
      expect(answered).toMatchObject({ status: 'answered', result: 'explained' });

      // The applicant sees the answer with their secret.
      const view = await otklik.getAppeal(receipt.appealId, receipt.accessSecret);
      expect(view.answer?.text).toBe('Запись ведётся с 1 апреля через портал.');
      expect(view.history.map((event) => event.status)).toEqual(['registered', 'in_review', 'answered']);

      // A key of another organisation: the appeal does not exist for it, the settings are not its own.
      const other = createClient({
        baseUrl: portal.url,
        apiKey: await createApiKey(portal.db, 'demo-school'),
        retries: 0,
      });
      expect(await failure(other.getStaffAppeal(receipt.appealId))).toMatchObject({
        status: 404,
        code: 'not-found',
      });
      expect(await failure(other.updateOrganizationSettings('demo-by', { languages: ['ru'] }))).toMatchObject(
        {
          status: 403,
          code: 'forbidden',
        },
      );
      // No key at all.
      expect(await failure(otklik.listStaffAppeals())).toMatchObject({ status: 401, code: 'unauthorized' });
    },
  );

  it.skipIf(backend.skipReason)('maps refusals to typed problems with stable codes', async () => {
    expect(await failure(otklik.getAppealCounter('no-such-org'))).toMatchObject({
      kind: 'problem',
      status: 404,
      code: 'organization-not-found',
    });
    const invalid = await failure(otklik.searchOrganizations({ limit: 1000 }));
    expect(invalid).toMatchObject({ kind: 'problem', status: 422, code: 'validation-failed' });
    expect(invalid.kind === 'problem' && invalid.issues.map((issue) => issue.path)).toEqual(['query.limit']);
    expect(await failure(otklik.getAppealCounter('demo-school', { on: '2999-01-01' }))).toMatchObject({
      code: 'validation-failed',
    });
    expect(await failure(otklik.getOrganization('Not A Slug!'))).toMatchObject({
      kind: 'problem',
      status: 422,
    });
  });

  it.skipIf(backend.skipReason)('is refused from an origin the organisation does not allow', async () => {
    const foreign = createClient({
      baseUrl: portal.url,
      headers: { origin: 'https://evil.example' },
      retries: 0,
    });
    expect(await failure(foreign.getAppealCounter('demo-school'))).toMatchObject({
      code: 'origin-not-allowed',
    });
    const allowed = createClient({ baseUrl: portal.url, headers: { origin: 'http://localhost:8788' } });
    await expect(allowed.getAppealCounter('demo-school')).resolves.toMatchObject({
      organizationId: 'demo-school',
    });
  });
});
