/** Downloads an attachment of the appeal; `Authorization: Bearer <accessSecret>`. */
export const getAppealAttachmentRoute = {
  method: 'GET',
  path: '/v1/appeals/{appealId}/attachments/{attachmentId}',
} as const;
