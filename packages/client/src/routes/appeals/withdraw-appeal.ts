export const withdrawAppealRoute = { method: 'POST', path: '/v1/appeals/{appealId}/withdrawal' } as const;
