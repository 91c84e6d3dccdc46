export const assignStaffAppealRoute = {
  method: 'PUT',
  path: '/v1/staff/appeals/{appealId}/assignment',
} as const;
