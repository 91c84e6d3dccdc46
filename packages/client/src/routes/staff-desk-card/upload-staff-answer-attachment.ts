export const uploadStaffAnswerAttachmentRoute = {
  method: 'POST',
  path: '/v1/staff/appeals/{appealId}/draft/attachments',
} as const;
