export const confirmTotpRoute = {
  method: 'POST',
  path: '/v1/staff/account/totp/confirm',
} as const;
