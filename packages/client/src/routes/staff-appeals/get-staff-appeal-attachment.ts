export const getStaffAppealAttachmentRoute = {
  method: 'GET',
  path: '/v1/staff/appeals/{appealId}/attachments/{attachmentId}',
} as const;
