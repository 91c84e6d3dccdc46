export const completeStaffOidcSignInRoute = {
  method: 'POST',
  path: '/v1/staff/oidc-sign-in/complete',
} as const;
