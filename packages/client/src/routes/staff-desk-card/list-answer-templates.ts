export const listAnswerTemplatesRoute = { method: 'GET', path: '/v1/staff/answer-templates' } as const;
