/**
 * One file per request as multipart/form-data (field `file`); the answer (`AttachmentUpload`) gives
 * the id that goes into `attachmentIds` when filing.
 */
export const uploadAttachmentRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/attachments',
} as const;
