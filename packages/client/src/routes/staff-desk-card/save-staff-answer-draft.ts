export const saveStaffAnswerDraftRoute = {
  method: 'PUT',
  path: '/v1/staff/appeals/{appealId}/draft',
} as const;
