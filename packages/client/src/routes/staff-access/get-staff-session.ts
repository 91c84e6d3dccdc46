export const getStaffSessionRoute = {
  method: 'GET',
  path: '/v1/staff/session',
} as const;
