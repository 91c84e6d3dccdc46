export const putCriteriaSetRoute = {
  method: 'PUT',
  path: '/v1/staff/organizations/{organizationId}/criteria-sets/{setId}',
} as const;
