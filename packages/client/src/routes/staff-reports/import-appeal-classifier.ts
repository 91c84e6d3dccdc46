export const importAppealClassifierRoute = {
  method: 'PUT',
  path: '/v1/staff/appeal-classifier',
} as const;
