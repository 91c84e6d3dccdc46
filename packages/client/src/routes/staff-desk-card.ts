/** Routes of the appeal card: assignment, notes, presence, duplicates, the answer's draft and approval, templates. */

export { addStaffAppealNoteRoute } from './staff-desk-card/add-staff-appeal-note.ts';
export { approveStaffAnswerDraftRoute } from './staff-desk-card/approve-staff-answer-draft.ts';
export { assignStaffAppealRoute } from './staff-desk-card/assign-staff-appeal.ts';
export { deleteAnswerTemplateRoute } from './staff-desk-card/delete-answer-template.ts';
export { deleteStaffAnswerAttachmentRoute } from './staff-desk-card/delete-staff-answer-attachment.ts';
export { getStaffAppealCardRoute } from './staff-desk-card/get-staff-appeal-card.ts';
export { getStaffMailPreferencesRoute } from './staff-desk-card/get-staff-mail-preferences.ts';
export { listAnswerTemplatesRoute } from './staff-desk-card/list-answer-templates.ts';
export { listStaffAppealTemplatesRoute } from './staff-desk-card/list-staff-appeal-templates.ts';
export { markStaffAppealOpenRoute } from './staff-desk-card/mark-staff-appeal-open.ts';
export { mergeStaffAppealDuplicateRoute } from './staff-desk-card/merge-staff-appeal-duplicate.ts';
export { putAnswerTemplateRoute } from './staff-desk-card/put-answer-template.ts';
export { putStaffMailPreferencesRoute } from './staff-desk-card/put-staff-mail-preferences.ts';
export { returnStaffAnswerDraftRoute } from './staff-desk-card/return-staff-answer-draft.ts';
export { saveStaffAnswerDraftRoute } from './staff-desk-card/save-staff-answer-draft.ts';
export { submitStaffAnswerDraftRoute } from './staff-desk-card/submit-staff-answer-draft.ts';
export { uploadStaffAnswerAttachmentRoute } from './staff-desk-card/upload-staff-answer-attachment.ts';
