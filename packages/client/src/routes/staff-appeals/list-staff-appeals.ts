export const listStaffAppealsRoute = { method: 'GET', path: '/v1/staff/appeals' } as const;
