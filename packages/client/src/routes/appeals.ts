/** Routes of appeals: the counter badge, filing, "lost my link" and the applicant's own calls. */

export { addAppealMessageRoute } from './appeals/add-appeal-message.ts';
export { fileAppealRoute } from './appeals/file-appeal.ts';
export { getAppealRoute } from './appeals/get-appeal.ts';
export { getAppealCounterRoute } from './appeals/get-appeal-counter.ts';
export { rateAppealAnswerRoute } from './appeals/rate-appeal-answer.ts';
export { requestLostLinkRoute } from './appeals/request-lost-link.ts';
export { withdrawAppealRoute } from './appeals/withdraw-appeal.ts';
