export const getAppealRoute = { method: 'GET', path: '/v1/appeals/{appealId}' } as const;
