export const answerStaffAppealRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/answer',
} as const;
