export const signOutStaffEverywhereRoute = {
  method: 'DELETE',
  path: '/v1/staff/sessions',
} as const;
