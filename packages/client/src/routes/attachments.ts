/** Routes of the files an applicant attaches to an appeal. */

export { deleteUploadRoute } from './attachments/delete-upload.ts';
export { getAppealAttachmentRoute } from './attachments/get-appeal-attachment.ts';
export { uploadAttachmentRoute } from './attachments/upload-attachment.ts';
