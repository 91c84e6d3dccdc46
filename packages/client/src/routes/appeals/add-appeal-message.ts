export const addAppealMessageRoute = { method: 'POST', path: '/v1/appeals/{appealId}/messages' } as const;
