/** The monthly appeal report in the ССТУ categories and the thematic classifier of appeals. */
import {
  exportStaffAppealReportCsvRoute,
  exportStaffAppealReportXlsxRoute,
  getStaffAppealReportRoute,
  importAppealClassifierRoute,
  listAppealClassifierRoute,
  listTopicClassifierCodesRoute,
  setTopicClassifierCodeRoute,
} from '../routes/staff-reports.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  AppealReportCsvQuery,
  AppealReportQuery,
  ClassifierImport,
  ClassifierImportResult,
  ClassifierPage,
  ClassifierQuery,
  StaffAppealReport,
  TopicCode,
  TopicCodeInput,
  TopicCodeList,
  TopicCodesQuery,
} from '../schemas/staff-reports.ts';
import { TopicParams } from '../schemas/staff-settings.ts';
import type { EndpointDefinition } from './endpoint.ts';

const REPORT =
  'Staff with `reports.read` in this organisation or one above it (a session or an API key). Figures ' +
  'only, never personal data; the month is counted on the clock of this organisation. The counter ' +
  'badge and this report read the same query, so an organisation’s own row always equals its badge ' +
  'for that month. Audited.';

export const getStaffAppealReportEndpoint = {
  ...getStaffAppealReportRoute,
  summary: 'The monthly appeal report (ССТУ categories) of an organisation, optionally with all below it',
  description: REPORT,
  tags: ['staff-reports'],
  params: OrganizationParams,
  query: AppealReportQuery,
  response: StaffAppealReport,
  access: 'staff',
  permission: 'reports.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const exportStaffAppealReportCsvEndpoint = {
  ...exportStaffAppealReportCsvRoute,
  summary: 'The monthly appeal report as CSV (one row per organisation, then the themes)',
  description: `${REPORT} UTF-8 with a byte order mark, RFC 4180 quoting, CRLF.`,
  tags: ['staff-reports'],
  params: OrganizationParams,
  query: AppealReportCsvQuery,
  download: 'text/csv',
  access: 'staff',
  permission: 'reports.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const exportStaffAppealReportXlsxEndpoint = {
  ...exportStaffAppealReportXlsxRoute,
  summary: 'The monthly appeal report as an Excel workbook (sheets: organisations, themes)',
  description: `${REPORT} Office Open XML (.xlsx).`,
  tags: ['staff-reports'],
  params: OrganizationParams,
  query: AppealReportQuery,
  download: 'binary',
  access: 'staff',
  permission: 'reports.read',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listAppealClassifierEndpoint = {
  ...listAppealClassifierRoute,
  summary: 'Search the thematic classifier of appeals (to map topics to codes)',
  description: 'Staff with `settings.manage`. In code order.',
  tags: ['staff-reports'],
  query: ClassifierQuery,
  response: ClassifierPage,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const importAppealClassifierEndpoint = {
  ...importAppealClassifierRoute,
  summary: 'Import the full thematic classifier of appeals from CSV (code;title)',
  description:
    'Portal administrators. Each row `code;title` (or comma separated; a header row is skipped); ' +
    'codes are four groups of four digits. Adds new codes and renames known ones; all rows or none: ' +
    'with any refused row nothing changes (422 listing the refused rows in `issues`, the first 50). ' +
    'With `dryRun` it only says what it would add and rename.',
  tags: ['staff-reports'],
  body: ClassifierImport,
  maxBodyBytes: 9 * 1024 * 1024,
  response: ClassifierImportResult,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listTopicClassifierCodesEndpoint = {
  ...listTopicClassifierCodesRoute,
  summary: 'The organisation’s topics with the classifier code each is reported under',
  description:
    'Staff with `settings.manage`. Every topic, archived ones last, named in `language` (else the ' +
    'organisation’s first); `code` and its `title` are `null` for a topic not mapped yet.',
  tags: ['staff-reports'],
  params: OrganizationParams,
  query: TopicCodesQuery,
  response: TopicCodeList,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const setTopicClassifierCodeEndpoint = {
  ...setTopicClassifierCodeRoute,
  summary: 'Set the classifier code a topic is reported under',
  description:
    'Staff with `settings.manage`. The code must be in the classifier (422 otherwise); `null` removes ' +
    'it, and the topic’s appeals are then reported as unclassified.',
  tags: ['staff-reports'],
  params: TopicParams,
  body: TopicCodeInput,
  response: TopicCode,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;
