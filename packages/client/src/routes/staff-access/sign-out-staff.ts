export const signOutStaffRoute = {
  method: 'DELETE',
  path: '/v1/staff/session',
} as const;
