export const approveStaffAnswerDraftRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/draft/approve',
} as const;
