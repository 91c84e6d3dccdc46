export const verifyEmailCodeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code/{verificationId}/verify',
} as const;
