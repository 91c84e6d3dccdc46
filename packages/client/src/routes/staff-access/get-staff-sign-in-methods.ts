export const getStaffSignInMethodsRoute = {
  method: 'GET',
  path: '/v1/staff/sign-in-methods',
} as const;
