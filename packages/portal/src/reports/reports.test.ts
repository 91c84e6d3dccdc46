/**
 * The monthly appeal report: the same figures as the counter badge for every demo organisation,
 * sums over the subtree, themes by classifier code, the CSV and the XLSX read back, the classifier's
 * import and the topics' codes, and the refusals — on PGlite and PostgreSQL.
 */
import type { Problem, StaffAppealReport } from '@otklik/client/schemas';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { appealCounter } from '../appeals/counter.ts';
import { runControlCommand } from '../control/commands.ts';
import { todayIn } from '../dates.ts';
import { type StaffCall } from '../people/staff-harness.ts';
import { createApiKey } from '../staff/api-keys.ts';
import { testBackends } from '../testing/backends.ts';
import { useDemoStaff } from '../testing/demo-staff.ts';
import { refusalOf } from '../testing/refusal.ts';
import { REPORT_COLUMNS } from './export.ts';
import { sumStats } from './monthly-report.ts';

const backends = await testBackends();

describe.each(backends)('monthly appeal report on $name', (backend) => {
  const test = it.skipIf(backend.skipReason !== null);
  let deptKey: StaffCall;
  let schoolKey: StaffCall;
  let admin: StaffCall;
  const h = useDemoStaff(backend, {
    setup: async () => {
      deptKey = { apiKey: await createApiKey(h.db, 'demo-edu-dept', 'reports') };
      schoolKey = { apiKey: await createApiKey(h.db, 'demo-school', 'reports') };
      await h.addPerson('root@reports.example', [], true);
      admin = await h.signIn('root@reports.example');
    },
  });

  const getReport = async (org: string, query: string, who: StaffCall = deptKey) => {
    const res = await h.call('GET', `/v1/staff/organizations/${org}/appeal-report?${query}`, who);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as StaffAppealReport;
  };

  test('every organisation of the demo: its report row and its counter badge agree', async () => {
    const orgs = await h.db.query<{ id: string; time_zone: string }>(
      'SELECT id, time_zone FROM organizations ORDER BY id',
    );
    expect(orgs.length).toBeGreaterThan(3);
    let withAppeals = 0;
    for (const org of orgs) {
      const today = todayIn(org.time_zone);
      const counter = await appealCounter(h.db, org.id, org.time_zone, today);
      const key = { apiKey: await createApiKey(h.db, org.id, 'report-vs-counter') };
      const own = await getReport(org.id, `month=${today.slice(0, 7)}`, key);
      expect(own.organizations).toHaveLength(1);
      expect(own.organizations[0]?.figures, org.id).toEqual(counter.month);
      expect(own.total, org.id).toEqual(counter.month);
      if (counter.month.received > 0) withAppeals++;
      // With everything below: each row is that organisation's badge, the total their sum.
      const deep = await getReport(org.id, `month=${today.slice(0, 7)}&includeSubordinates=true`, key);
      for (const row of deep.organizations) {
        const badge = await appealCounter(h.db, row.organizationId, deep.timeZone, today);
        expect(row.figures, `${org.id} → ${row.organizationId}`).toEqual(badge.month);
      }
      expect(deep.total).toEqual(
        sumStats(
          deep.total,
          deep.organizations.map((o) => o.figures),
        ),
      );
    }
    expect(withAppeals).toBeGreaterThan(3);
  }, 120_000);

  test('the department sees its schools below it; the figures are not trivially zero', async () => {
    const month = todayIn('Europe/Moscow').slice(0, 7);
    const report = await getReport('demo-edu-dept', `month=${month}&includeSubordinates=true`);
    expect(report.organizations[0]?.organizationId).toBe('demo-edu-dept');
    expect(report.organizations.map((o) => o.organizationId)).toContain('demo-school');
    const school = report.organizations.find((o) => o.organizationId === 'demo-school');
    expect(school?.depth).toBe(1);
    // Its short name beside the full one, for the console's narrow screens.
    expect(school?.shortName).toBe('МБОУ СОШ № 1');
    expect(school?.name).not.toBe(school?.shortName);
    expect(report.total.received).toBeGreaterThan(0);
    expect(report.total.considered.total).toBeGreaterThan(0);
    expect(report.total.overdue).toBeGreaterThan(0);
    // Figures only: nothing that names an applicant or quotes an appeal.
    expect(JSON.stringify(report)).not.toMatch(/applicant|surname|email|registrationNumber/i);
    // A school's key reads its own report, not the department's.
    expect(
      (await h.call('GET', '/v1/staff/organizations/demo-edu-dept/appeal-report', schoolKey)).status,
    ).toBe(403);
  });

  test('an extension during the month counts once per appeal', async () => {
    const [appeal] = await h.db.query<{ id: string }>(
      `SELECT id FROM appeals WHERE organization_id = 'demo-school-2' ORDER BY id LIMIT 1`,
    );
    await h.db.query(
      `INSERT INTO appeal_events (appeal_id, status) VALUES ($1, 'extended'), ($1, 'extended')`,
      [appeal?.id],
    );
    const report = await getReport('demo-edu-dept', 'includeSubordinates=true');
    expect(report.organizations.find((o) => o.organizationId === 'demo-school-2')?.extended).toBe(1);
    expect(report.extended).toBeGreaterThanOrEqual(1);
  });

  test('themes: the classifier imported as CSV, topics mapped to codes, appeals counted by code', async () => {
    const csv = [
      'code;title',
      '0002.0013.0000.0000;Образование. Наука. Культура',
      '0002.0013.0141.0000;"Образование; тестовая тема"',
      '0002.0013.0141.0812;Тестовый вопрос об организации обучения',
    ].join('\r\n');
    const sizeBefore = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeal_classifier');
    // A dry run says what would change and changes nothing.
    const checked = await h.call('PUT', '/v1/staff/appeal-classifier', {
      ...admin,
      body: { csv, dryRun: true },
    });
    expect(checked.status, await checked.clone().text()).toBe(200);
    expect(await checked.json()).toEqual({
      imported: 2,
      added: 2,
      renamed: 0,
      unchanged: 1,
      total: (sizeBefore[0]?.n ?? 0) + 2,
      dryRun: true,
    });
    expect(await h.db.query('SELECT count(*)::int AS n FROM appeal_classifier')).toEqual(sizeBefore);
    const imported = await h.call('PUT', '/v1/staff/appeal-classifier', { ...admin, body: { csv } });
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(await imported.json()).toMatchObject({ imported: 2, added: 2, dryRun: false });
    // The import (not the check) is in the portal's own audit log.
    const portalLog = await h.db.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE organization_id IS NULL AND action = 'classifier.import'`,
    );
    expect(portalLog).toEqual([
      { action: 'classifier.import', details: { imported: 2, added: 2, total: (sizeBefore[0]?.n ?? 0) + 2 } },
    ]);
    const found = await h.call(
      'GET',
      '/v1/staff/appeal-classifier?q=%D1%82%D0%B5%D1%81%D1%82%D0%BE%D0%B2&limit=10',
      {
        apiKey: deptKey.apiKey,
      },
    );
    expect(((await found.json()) as { items: { code: string; level: number }[] }).items).toEqual([
      { code: '0002.0013.0141.0000', level: 3, title: 'Образование; тестовая тема' },
      { code: '0002.0013.0141.0812', level: 4, title: 'Тестовый вопрос об организации обучения' },
    ]);

    const map = await h.call('PUT', '/v1/staff/organizations/demo-school/topic-codes/meals', {
      ...schoolKey,
      body: { code: '0002.0013.0141.0812' },
    });
    expect(map.status, await map.clone().text()).toBe(200);
    const listed = await h.call(
      'GET',
      '/v1/staff/organizations/demo-school/topic-codes?language=ru',
      schoolKey,
    );
    expect(listed.status, await listed.clone().text()).toBe(200);
    const codes = (await listed.json()) as {
      items: { topicId: string; code: string | null; title: string | null; name: string }[];
      classifierSize: number;
    };
    expect(codes.items.find((t) => t.topicId === 'meals')).toMatchObject({
      code: '0002.0013.0141.0812',
      title: 'Тестовый вопрос об организации обучения',
    });
    expect(codes.items.filter((t) => t.topicId !== 'meals').every((t) => t.code === null)).toBe(true);
    expect(codes.classifierSize).toBeGreaterThanOrEqual(3);
    const month = todayIn('Europe/Moscow').slice(0, 7);
    // The demo's appeals carry topics of their own: exactly these three are about meals here.
    await h.db.query(`UPDATE appeals SET topic_id = 'other' WHERE topic_id = 'meals'`);
    const tagged = await h.db.query<{ id: string; type: string }>(
      `UPDATE appeals SET topic_id = 'meals' WHERE id IN (
         SELECT id FROM appeals WHERE organization_id = 'demo-school'
           AND registered_at >= date_trunc('month', now() AT TIME ZONE 'Europe/Moscow') AT TIME ZONE 'Europe/Moscow'
         ORDER BY id LIMIT 3) RETURNING id, type`,
    );
    expect(tagged).toHaveLength(3);
    const report = await getReport('demo-edu-dept', `month=${month}&includeSubordinates=true`);
    const theme = report.themes.find((t) => t.code === '0002.0013.0141.0812');
    expect(theme).toMatchObject({ title: 'Тестовый вопрос об организации обучения', received: 3 });
    expect(report.themes.at(-1)?.code).toBeNull();
    expect(report.themes.reduce((n, t) => n + t.received, 0)).toBe(report.total.received);
  });

  test('the classifier import is all or none, and refusals are specific', async () => {
    const before = await h.db.query('SELECT count(*)::int AS n FROM appeal_classifier');
    const bad = await h.call('PUT', '/v1/staff/appeal-classifier', {
      ...admin,
      body: { csv: '0003.0001.0000.0000;Хорошая строка\n12.34;Плохой код' },
    });
    expect(bad.status).toBe(422);
    const refused = (await bad.json()) as Problem;
    expect(refused.reason).toBe('classifier-rows-refused');
    expect(refused.issues?.map((i) => [i.path, i.reason])).toEqual([
      ['body.csv.2', 'classifier-code-format'],
    ]);
    expect(refused.detail).toBe('1 row(s) refused: nothing imported');
    expect(refused.issues?.[0]?.message).toMatch(/^Line 2: the code must look like/);
    // A file in another encoding read as UTF-8 loses its letters: refused, naming the line.
    const garbled = await h.call('PUT', '/v1/staff/appeal-classifier', {
      ...admin,
      body: { csv: '0003.0002.0000.0000;\uFFFD\uFFFD\uFFFD' },
    });
    const garbledBody = (await garbled.json()) as Problem;
    expect(garbled.status).toBe(422);
    expect(garbledBody.issues?.[0]?.reason).toBe('classifier-title-unreadable');
    expect(garbledBody.issues?.[0]?.message).toBe(
      'Line 1: the title has characters that could not be read; save the file as UTF-8',
    );
    // A dry run refuses the same way.
    const badCheck = await h.call('PUT', '/v1/staff/appeal-classifier', {
      ...admin,
      body: { csv: '12.34;Плохой код', dryRun: true },
    });
    expect(badCheck.status).toBe(422);
    expect(await h.db.query('SELECT count(*)::int AS n FROM appeal_classifier')).toEqual(before);
    // Only a portal administrator imports.
    expect(
      (await h.call('PUT', '/v1/staff/appeal-classifier', { ...deptKey, body: { csv: 'x' } })).status,
    ).toBe(403);
    const unknownCode = await h.call('PUT', '/v1/staff/organizations/demo-school/topic-codes/meals', {
      ...schoolKey,
      body: { code: '0009.0009.0009.0009' },
    });
    expect(await refusalOf(unknownCode)).toEqual({
      status: 422,
      reason: 'classifier-code-unknown',
      issues: { 'body.code': 'classifier-code-unknown' },
    });
    const unknownTopic = await h.call('PUT', '/v1/staff/organizations/demo-school/topic-codes/no-such', {
      ...schoolKey,
      body: { code: '0002.0013.0000.0000' },
    });
    expect(unknownTopic.status).toBe(404);
    const badMonth = await h.call(
      'GET',
      '/v1/staff/organizations/demo-school/appeal-report?month=2026-13',
      schoolKey,
    );
    expect(badMonth.status).toBe(422);
    expect(((await badMonth.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('query.month');
  });

  test('the command line imports the classifier too, and names the lines it refuses', async () => {
    expect(
      await runControlCommand(
        h.db,
        'import-classifier',
        { csv: '0004.0017.0000.0000;Безопасность (командная строка)' },
        { publicUrl: 'http://localhost:8787' },
      ),
    ).toMatchObject({ imported: 1 });
    await expect(
      runControlCommand(
        h.db,
        'import-classifier',
        { csv: '0004.0018.0000.0000;Хорошо\nплохо;строка' },
        { publicUrl: 'http://localhost:8787' },
      ),
    ).rejects.toThrow(/Line 2: the code must look like/);
    expect(await h.db.query(`SELECT code FROM appeal_classifier WHERE code = '0004.0018.0000.0000'`)).toEqual(
      [],
    );
  });

  test('the CSV and the XLSX carry the report; the workbook reads back cell by cell', async () => {
    const month = todayIn('Europe/Moscow').slice(0, 7);
    const report = await getReport('demo-edu-dept', `month=${month}&includeSubordinates=true`);
    const csv = await h.call(
      'GET',
      `/v1/staff/organizations/demo-edu-dept/appeal-report.csv?month=${month}&includeSubordinates=true&separator=semicolon`,
      deptKey,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`appeal-report-demo-edu-dept-${month}.csv`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const school = report.organizations.find((o) => o.organizationId === 'demo-school');
    if (!school) throw new Error('demo-school missing');
    const schoolLine = text.split('\r\n').find((line) => line.startsWith('demo-school;'));
    expect(schoolLine?.split(';').slice(2).map(Number)).toEqual(REPORT_COLUMNS.map(([, f]) => f(school)));

    const xlsx = await h.call(
      'GET',
      `/v1/staff/organizations/demo-edu-dept/appeal-report.xlsx?month=${month}&includeSubordinates=true`,
      deptKey,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet('Организации');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(2).getCell(3).value).toBe('Поступило всего');
    report.organizations.forEach((o, i) => {
      const row = sheet.getRow(3 + i);
      expect(row.getCell(1).value).toBe(o.organizationId);
      REPORT_COLUMNS.forEach(([title, f], j) => {
        expect(row.getCell(3 + j).value, `${o.organizationId} ${title}`).toBe(f(o));
      });
    });
    const totalRow = sheet.getRow(3 + report.organizations.length);
    expect(totalRow.getCell(2).value).toBe('Итого');
    expect(totalRow.getCell(3).value).toBe(report.total.received);
    const themes = book.getWorksheet('Тематики');
    expect(themes?.rowCount).toBe(report.themes.length + 1);
  });
});
