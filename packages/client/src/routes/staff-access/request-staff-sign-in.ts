export const requestStaffSignInRoute = {
  method: 'POST',
  path: '/v1/staff/sign-in',
} as const;
