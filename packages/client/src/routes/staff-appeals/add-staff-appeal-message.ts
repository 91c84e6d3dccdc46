export const addStaffAppealMessageRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/messages',
} as const;
