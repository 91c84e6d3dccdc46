/** Routes of the monthly appeal report and the thematic classifier of appeals. */

export { exportStaffAppealReportCsvRoute } from './staff-reports/export-staff-appeal-report-csv.ts';
export { exportStaffAppealReportXlsxRoute } from './staff-reports/export-staff-appeal-report-xlsx.ts';
export { getStaffAppealReportRoute } from './staff-reports/get-staff-appeal-report.ts';
export { importAppealClassifierRoute } from './staff-reports/import-appeal-classifier.ts';
export { listAppealClassifierRoute } from './staff-reports/list-appeal-classifier.ts';
export { listTopicClassifierCodesRoute } from './staff-reports/list-topic-classifier-codes.ts';
export { setTopicClassifierCodeRoute } from './staff-reports/set-topic-classifier-code.ts';
