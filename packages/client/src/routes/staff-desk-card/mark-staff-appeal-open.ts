export const markStaffAppealOpenRoute = {
  method: 'PUT',
  path: '/v1/staff/appeals/{appealId}/presence',
} as const;
