export const listAppealClassifierRoute = {
  method: 'GET',
  path: '/v1/staff/appeal-classifier',
} as const;
