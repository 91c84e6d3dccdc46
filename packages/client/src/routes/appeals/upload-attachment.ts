/**
 * One file per request as multipart/form-data (field `file`); not in the JSON contract table. The
 * answer is `AttachmentUpload`; the id goes into `attachmentIds` when filing.
 */
export const uploadAttachmentRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/attachments',
} as const;
