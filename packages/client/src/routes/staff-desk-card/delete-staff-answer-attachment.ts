export const deleteStaffAnswerAttachmentRoute = {
  method: 'DELETE',
  path: '/v1/staff/appeals/{appealId}/draft/attachments/{attachmentId}',
} as const;
