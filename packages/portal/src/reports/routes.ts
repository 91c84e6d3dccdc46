import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import { Download } from '../http/respond.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit, auditPortal } from '../staff/audit.ts';
import {
  importClassifier,
  parseClassifierCsv,
  searchClassifier,
  setTopicCode,
  topicCodes,
} from './classifier.ts';
import { reportCsv, reportXlsx } from './export.ts';
import { monthlyReport } from './monthly-report.ts';

const fileName = (organizationId: string, month: string, ext: string) =>
  `appeal-report-${organizationId}-${month}.${ext}`;

/**
 * The monthly appeal report (JSON, CSV, XLSX) of an organisation and, on request, everything below it,
 * and the thematic classifier its topics map to. Every read of the report is audited.
 */
export function registerReportRoutes(
  router: Router<unknown, StaffActor>,
  db: Database,
  now: () => Date = () => new Date(),
): void {
  const report = async (
    actor: StaffActor,
    organizationId: string,
    query: { month?: string | undefined; includeSubordinates: boolean },
    format: string,
  ) => {
    const result = await monthlyReport(db, organizationId, query, now());
    await audit(db, actor, 'report.appeals', null, {
      organizationId,
      month: result.month,
      includeSubordinates: query.includeSubordinates,
      format,
    });
    return result;
  };

  registerEndpoint(router, endpoints.getStaffAppealReport, ({ actor, params, query }) =>
    report(actor, params.organizationId, query, 'json'),
  );

  registerEndpoint(router, endpoints.exportStaffAppealReportCsv, async ({ actor, params, query }) => {
    const result = await report(actor, params.organizationId, query, 'csv');
    return new Download(
      new TextEncoder().encode(reportCsv(result, query.separator)) as Uint8Array<ArrayBuffer>,
      {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="${fileName(params.organizationId, result.month, 'csv')}"`,
      },
    );
  });

  registerEndpoint(router, endpoints.exportStaffAppealReportXlsx, async ({ actor, params, query }) => {
    const result = await report(actor, params.organizationId, query, 'xlsx');
    return new Download(await reportXlsx(result), {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${fileName(params.organizationId, result.month, 'xlsx')}"`,
    });
  });

  registerEndpoint(router, endpoints.listAppealClassifier, ({ query }) => searchClassifier(db, query));

  // Portal-wide data, not an organisation's: an import that changed it goes to the portal's own log.
  registerEndpoint(router, endpoints.importAppealClassifier, async ({ actor, body }) => {
    const entries = parseClassifierCsv(body.csv);
    return db.transaction(async (tx) => {
      const result = await importClassifier(tx, entries, body.dryRun);
      if (!body.dryRun)
        await auditPortal(tx, actor, 'classifier.import', {
          imported: result.imported,
          added: result.added,
          total: result.total,
        });
      return result;
    });
  });

  registerEndpoint(router, endpoints.listTopicClassifierCodes, ({ params, query }) =>
    topicCodes(db, params.organizationId, query.language),
  );

  registerEndpoint(router, endpoints.setTopicClassifierCode, async ({ actor, params, body }) => {
    const result = await setTopicCode(db, params.organizationId, params.topicId, body.code);
    await audit(db, actor, 'topic.classifier-code', null, { topicId: params.topicId, code: body.code });
    return result;
  });
}
