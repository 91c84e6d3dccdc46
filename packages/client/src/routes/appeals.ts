/** Routes of the appeal flow: proof of work, identity, filing and the applicant's actions. */
export const createChallengeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/challenges',
} as const;
export const requestEmailCodeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code',
} as const;
export const verifyEmailCodeRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/identity/email-code/{verificationId}/verify',
} as const;
export const fileAppealRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/appeals',
} as const;
export const requestLostLinkRoute = {
  method: 'POST',
  path: '/v1/organizations/{organizationId}/appeals/lost-link',
} as const;
export const getAppealRoute = { method: 'GET', path: '/v1/appeals/{appealId}' } as const;
export const addAppealMessageRoute = { method: 'POST', path: '/v1/appeals/{appealId}/messages' } as const;
export const rateAppealAnswerRoute = { method: 'POST', path: '/v1/appeals/{appealId}/rating' } as const;
export const withdrawAppealRoute = { method: 'POST', path: '/v1/appeals/{appealId}/withdrawal' } as const;
