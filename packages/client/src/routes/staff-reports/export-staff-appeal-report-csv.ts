export const exportStaffAppealReportCsvRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/appeal-report.csv',
} as const;
