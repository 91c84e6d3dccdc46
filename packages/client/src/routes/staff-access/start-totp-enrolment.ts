export const startTotpEnrolmentRoute = {
  method: 'POST',
  path: '/v1/staff/account/totp',
} as const;
