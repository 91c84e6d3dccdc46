/** Routes of the appeal flow: proof of work, identity, filing and the applicant's actions. */

export { addAppealMessageRoute } from './appeals/add-appeal-message.ts';
export { createChallengeRoute } from './appeals/create-challenge.ts';
export { deleteUploadRoute } from './appeals/delete-upload.ts';
export { fileAppealRoute } from './appeals/file-appeal.ts';
export { getAppealRoute } from './appeals/get-appeal.ts';
export { getAppealAttachmentRoute } from './appeals/get-appeal-attachment.ts';
export { rateAppealAnswerRoute } from './appeals/rate-appeal-answer.ts';
export { requestEmailCodeRoute } from './appeals/request-email-code.ts';
export { requestLostLinkRoute } from './appeals/request-lost-link.ts';
export { uploadAttachmentRoute } from './appeals/upload-attachment.ts';
export { verifyEmailCodeRoute } from './appeals/verify-email-code.ts';
export { withdrawAppealRoute } from './appeals/withdraw-appeal.ts';
