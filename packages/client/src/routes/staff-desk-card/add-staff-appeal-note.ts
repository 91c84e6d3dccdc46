export const addStaffAppealNoteRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/notes',
} as const;
