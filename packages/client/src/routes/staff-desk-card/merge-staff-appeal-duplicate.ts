export const mergeStaffAppealDuplicateRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/duplicates',
} as const;
