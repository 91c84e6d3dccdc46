export const disableTotpRoute = {
  method: 'POST',
  path: '/v1/staff/account/totp/disable',
} as const;
