export const changeStaffAppealStatusRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/status',
} as const;
