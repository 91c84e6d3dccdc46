export const submitStaffAnswerDraftRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/draft/submit',
} as const;
