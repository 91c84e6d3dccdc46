export const listStaffAppealTemplatesRoute = {
  method: 'GET',
  path: '/v1/staff/appeals/{appealId}/templates',
} as const;
