/** Routes of the staff appeal desk (a staff actor: an API key of the organisation). */

export { addStaffAppealMessageRoute } from './staff-appeals/add-staff-appeal-message.ts';
export { answerStaffAppealRoute } from './staff-appeals/answer-staff-appeal.ts';
export { changeStaffAppealStatusRoute } from './staff-appeals/change-staff-appeal-status.ts';
export { getStaffAppealRoute } from './staff-appeals/get-staff-appeal.ts';
export { getStaffAppealAttachmentRoute } from './staff-appeals/get-staff-appeal-attachment.ts';
export { listStaffAppealsRoute } from './staff-appeals/list-staff-appeals.ts';
