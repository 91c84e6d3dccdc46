export const startStaffOidcSignInRoute = {
  method: 'POST',
  path: '/v1/staff/oidc-sign-in',
} as const;
