/**
 * The monthly report as files: CSV (the table of organisations, a blank line, the table of themes)
 * and an Excel workbook with the same two tables on two sheets. Column titles follow the ССТУ
 * categories in Russian, the language of the state report.
 */
import type { AppealReportOrganization, StaffAppealReport } from '@otklik/client/schemas';
import type ExcelJS from 'exceljs';
import { type CsvSeparator, csvRow, UTF8_BOM } from '../http/csv.ts';

/** The columns of the organisations' table: title and how each row's value is read. */
export const REPORT_COLUMNS: readonly [string, (o: AppealReportOrganization) => number][] = [
  ['Поступило всего', (o) => o.figures.received],
  ['Предложения', (o) => o.figures.byType.proposal],
  ['Заявления', (o) => o.figures.byType.application],
  ['Жалобы', (o) => o.figures.byType.complaint],
  ['Рассмотрено всего', (o) => o.figures.considered.total],
  ['Поддержано', (o) => o.figures.considered.supported],
  ['Поддержано, меры приняты', (o) => o.figures.considered.supportedMeasuresTaken],
  ['Не поддержано', (o) => o.figures.considered.notSupported],
  ['Разъяснено', (o) => o.figures.considered.explained],
  ['Направлено по компетенции', (o) => o.figures.forwarded],
  ['Срок продлён', (o) => o.extended],
  ['Оставлено без ответа', (o) => o.figures.leftWithoutAnswer],
  ['На рассмотрении', (o) => o.figures.inProgress],
  ['Просрочено', (o) => o.figures.overdue],
];

const THEME_COLUMNS = ['Код классификатора', 'Тематика', 'Поступило', 'Предложения', 'Заявления', 'Жалобы'];
const UNCLASSIFIED = 'Без кода классификатора';

const indent = (o: AppealReportOrganization) => `${'  '.repeat(o.depth)}${o.name}`;

/** The rows of the organisations' table, a total row last. */
function organizationRows(report: StaffAppealReport): (string | number)[][] {
  const rows = report.organizations.map((o) => [
    o.organizationId,
    indent(o),
    ...REPORT_COLUMNS.map(([, f]) => f(o)),
  ]);
  const total: AppealReportOrganization = {
    organizationId: report.organizationId,
    name: 'Итого',
    shortName: null,
    parentId: null,
    depth: 0,
    figures: report.total,
    extended: report.extended,
  };
  rows.push(['', 'Итого', ...REPORT_COLUMNS.map(([, f]) => f(total))]);
  return rows;
}

function themeRows(report: StaffAppealReport): (string | number)[][] {
  return report.themes.map((t) => [
    t.code ?? '',
    t.title ?? UNCLASSIFIED,
    t.received,
    t.byType.proposal,
    t.byType.application,
    t.byType.complaint,
  ]);
}

const heading = (report: StaffAppealReport) =>
  `Отчёт об обращениях за ${report.month} (${report.from} — ${report.to}), ${report.organizationName}`;

/** The report as CSV text with a byte order mark. */
export function reportCsv(report: StaffAppealReport, separator: CsvSeparator): string {
  const lines = [
    csvRow([heading(report)], separator),
    csvRow(['Код организации', 'Организация', ...REPORT_COLUMNS.map(([title]) => title)], separator),
    ...organizationRows(report).map((row) => csvRow(row, separator)),
    '\r\n',
    csvRow(THEME_COLUMNS, separator),
    ...themeRows(report).map((row) => csvRow(row, separator)),
  ];
  return UTF8_BOM + lines.join('');
}

/** The report as an XLSX workbook: sheet «Организации» and sheet «Тематики». */
export async function reportXlsx(report: StaffAppealReport): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded on the first export: the library takes a tenth of the portal's start-up otherwise.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'Otklik';
  book.created = new Date(report.generatedAt);
  const orgs = book.addWorksheet('Организации');
  orgs.addRow([heading(report)]).font = { bold: true };
  const head = orgs.addRow(['Код организации', 'Организация', ...REPORT_COLUMNS.map(([title]) => title)]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  let last: ExcelJS.Row | undefined;
  for (const row of organizationRows(report)) last = orgs.addRow(row);
  if (last) last.font = { bold: true };
  orgs.getColumn(1).width = 18;
  orgs.getColumn(2).width = 48;
  for (let i = 3; i <= REPORT_COLUMNS.length + 2; i++) orgs.getColumn(i).width = 14;
  orgs.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];

  const themes = book.addWorksheet('Тематики');
  themes.addRow(THEME_COLUMNS).font = { bold: true };
  for (const row of themeRows(report)) themes.addRow(row);
  themes.getColumn(1).width = 22;
  themes.getColumn(2).width = 60;
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
