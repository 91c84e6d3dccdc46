export const exportStaffAppealReportXlsxRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/appeal-report.xlsx',
} as const;
