export const requestLostLinkRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/appeals/lost-link',
} as const;
