export const requestEmailCodeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code',
} as const;
