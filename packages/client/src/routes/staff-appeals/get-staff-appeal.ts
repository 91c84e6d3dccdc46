export const getStaffAppealRoute = { method: 'GET', path: '/v1/staff/appeals/{appealId}' } as const;
