export const rateAppealAnswerRoute = { method: 'POST', path: '/v1/appeals/{appealId}/rating' } as const;
