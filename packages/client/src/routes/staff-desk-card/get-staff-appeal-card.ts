export const getStaffAppealCardRoute = { method: 'GET', path: '/v1/staff/appeals/{appealId}/card' } as const;
