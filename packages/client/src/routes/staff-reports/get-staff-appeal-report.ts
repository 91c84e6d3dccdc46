export const getStaffAppealReportRoute = {
  method: 'GET',
  path: '/v1/staff/organizations/{organizationId}/appeal-report',
} as const;
