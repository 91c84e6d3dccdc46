/**
 * Attachment rules announced to the form and enforced by the upload endpoint (attachments/routes.ts).
 * Every organisation gets these for now; a per-organisation setting would replace this constant.
 */
export const DEFAULT_ATTACHMENTS = {
  maxFiles: 5,
  maxFileBytes: 10 * 1024 * 1024,
  mediaTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
};
