export const returnStaffAnswerDraftRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/draft/return',
} as const;
