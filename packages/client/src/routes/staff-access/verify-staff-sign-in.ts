export const verifyStaffSignInRoute = {
  method: 'POST',
  path: '/v1/staff/sign-in/{signInId}',
} as const;
