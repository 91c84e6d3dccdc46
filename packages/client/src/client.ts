import type { EndpointDefinition } from './contract/endpoint.ts';
import {
  type acceptStaffInvitationEndpoint,
  type addAllowedOriginEndpoint,
  type addAppealMessageEndpoint,
  type addStaffAppealMessageEndpoint,
  type answerStaffAppealEndpoint,
  type changeStaffAppealStatusEndpoint,
  type checkSiteEndpoint,
  type completeStaffOidcSignInEndpoint,
  type confirmTotpEndpoint,
  type createChallengeEndpoint,
  type createPortalOrganizationEndpoint,
  type createStaffApiKeyEndpoint,
  type createStaffWebhookEndpoint,
  type deleteCalendarDayEndpoint,
  type deleteStaffWebhookEndpoint,
  type deleteUploadEndpoint,
  type disableTotpEndpoint,
  type EndpointName,
  type Endpoints,
  endpoints,
  type exportStaffAppealReportCsvEndpoint,
  type exportStaffAppealReportXlsxEndpoint,
  type exportStaffRatingsEndpoint,
  type fileAppealEndpoint,
  type getAppealAttachmentEndpoint,
  type getAppealCounterEndpoint,
  type getAppealEndpoint,
  type getCalendarYearEndpoint,
  type getOrganizationEndpoint,
  type getOrganizationSettingsEndpoint,
  type getRatingAnalyticsEndpoint,
  type getRatingRankingEndpoint,
  type getRatingSummaryEndpoint,
  type getStaffAppealAttachmentEndpoint,
  type getStaffAppealEndpoint,
  type getStaffAppealReportEndpoint,
  type getStaffSessionEndpoint,
  type getStaffSignInMethodsEndpoint,
  type getWidgetSettingsEndpoint,
  type importAppealClassifierEndpoint,
  type importPortalOrganizationsEndpoint,
  type invitePortalOrganizationAdministratorEndpoint,
  type inviteStaffPersonEndpoint,
  type listAppealClassifierEndpoint,
  type listConsentVersionsEndpoint,
  type listOrganizationAppealsEndpoint,
  type listPortalAuditLogEndpoint,
  type listPortalOrganizationsEndpoint,
  type listServicesEndpoint,
  type listSpheresEndpoint,
  type listStaffApiKeysEndpoint,
  type listStaffAppealsEndpoint,
  type listStaffAuditLogEndpoint,
  type listStaffPeopleEndpoint,
  type listStaffRatingCommentsEndpoint,
  type listStaffWebhookDeliveriesEndpoint,
  type listStaffWebhooksEndpoint,
  type listTopicClassifierCodesEndpoint,
  type listTopicsEndpoint,
  type publishConsentVersionEndpoint,
  type putCalendarDayEndpoint,
  type putCriteriaSetEndpoint,
  type putTopicEndpoint,
  type rateAppealAnswerEndpoint,
  type removeAllowedOriginEndpoint,
  type reorderTopicsEndpoint,
  type requestEmailCodeEndpoint,
  type requestLostLinkEndpoint,
  type requestStaffSignInEndpoint,
  type revokeStaffApiKeyEndpoint,
  type searchOrganizationsEndpoint,
  type setStaffPersonRolesEndpoint,
  type setTopicClassifierCodeEndpoint,
  type signOutStaffEndpoint,
  type signOutStaffEverywhereEndpoint,
  type startStaffOidcSignInEndpoint,
  type startTotpEnrolmentEndpoint,
  type submitRatingEndpoint,
  type updateAppealOptionsEndpoint,
  type updateOrganizationSettingsEndpoint,
  type updateRatingSettingsEndpoint,
  type uploadAttachmentEndpoint,
  type verifyEmailCodeEndpoint,
  type verifyStaffSignInEndpoint,
  type withdrawAppealEndpoint,
} from './contract/index.ts';
import type * as desk from './contract/staff-desk-card.ts';
import type { BodyOf, QueryOf, RequestInput, ResponseOf, UploadProgress } from './contract/types.ts';
import {
  type CallOptions,
  createTransport,
  request,
  type StaffCredentials,
  type Transport,
  type TransportOptions,
} from './transport.ts';

type Query<TEndpoint extends EndpointDefinition> = QueryOf<TEndpoint>;
type Result<TEndpoint extends EndpointDefinition> = Promise<ResponseOf<TEndpoint>>;
type Body<TEndpoint extends EndpointDefinition> = BodyOf<TEndpoint>;

/**
 * Options of a write that must happen once. Generate the key once per action (for example when the
 * citizen presses "Send") and pass the same key when retrying that action; the portal then returns
 * the first answer instead of writing twice (the IETF Idempotency-Key draft). The body is compared
 * as JSON (white space and key order do not matter). Refusals: a problem `conflict` (409) while the
 * first request with the key is still running — retry after `Retry-After`; `idempotency-key-reused`
 * (422) when the key was used with another body — that is another action, so use a new key.
 */
export interface OnceOptions extends CallOptions {
  idempotencyKey: string;
}

/** Options of an upload. */
export interface UploadOptions extends CallOptions {
  /** The part's file name; default the `File`'s own name. */
  fileName?: string;
  /** Needs a streamed request body: Node, or a browser talking HTTP/2 (not HTTP/1.1). */
  onProgress?: (progress: UploadProgress) => void;
}

/** Everything {@link createClient} takes: where the portal is, how to call it, and staff credentials. */
export type ClientOptions = TransportOptions & StaffCredentials;

/**
 * The portal API as methods, one per endpoint of the contract (same names as the `endpoints`
 * table). Arguments come in one order: the path's parameters, the applicant's access secret (or an
 * upload token), the body (or the file), the query, then call options — which carry the
 * `idempotencyKey` on writes that must happen once. Every method resolves to the validated response
 * (a `Blob` for downloads, nothing for a 204) or rejects with an {@link OtklikClientError}.
 *
 * Staff methods need the client to be created with staff credentials (`apiKey`); without them the
 * portal answers 401 `unauthorized`.
 */
export interface OtklikClient {
  readonly transport: Transport;

  /** Organisations matching the filters, one page at a time (`limit` ≤ 100, `offset`). */
  searchOrganizations(
    query?: Query<typeof searchOrganizationsEndpoint>,
    options?: CallOptions,
  ): Result<typeof searchOrganizationsEndpoint>;
  /** One organisation's public profile; rejects with code `organization-not-found` if unknown. */
  getOrganization(organizationId: string, options?: CallOptions): Result<typeof getOrganizationEndpoint>;
  /** The services an organisation provides, one page at a time. */
  listServices(
    organizationId: string,
    query?: Query<typeof listServicesEndpoint>,
    options?: CallOptions,
  ): Result<typeof listServicesEndpoint>;
  /**
   * The public settings widgets need: jurisdiction profile, languages, allowed origins; topics and the
   * consent document in `query.language` (the page's) where the organisation gives them.
   */
  getWidgetSettings(
    organizationId: string,
    query?: Query<typeof getWidgetSettingsEndpoint>,
    options?: CallOptions,
  ): Result<typeof getWidgetSettingsEndpoint>;
  /** Spheres of activity with their categories and organisation counts (for search filters). */
  listSpheres(
    query?: Query<typeof listSpheresEndpoint>,
    options?: CallOptions,
  ): Result<typeof listSpheresEndpoint>;
  /** Appeal counter figures for the month and the year containing `on` (default: today). */
  getAppealCounter(
    organizationId: string,
    query?: Query<typeof getAppealCounterEndpoint>,
    options?: CallOptions,
  ): Result<typeof getAppealCounterEndpoint>;

  /** A proof-of-work challenge; solve it (`solveChallenge`) and send the solution with the write. */
  createChallenge(organizationId: string, options?: CallOptions): Result<typeof createChallengeEndpoint>;
  /** E-mails a six-digit code to verify the applicant's address. */
  requestEmailCode(
    organizationId: string,
    body: Body<typeof requestEmailCodeEndpoint>,
    options?: CallOptions,
  ): Result<typeof requestEmailCodeEndpoint>;
  /** Checks the code; the identity token it returns goes with the appeal. */
  verifyEmailCode(
    organizationId: string,
    verificationId: string,
    code: string,
    options?: CallOptions,
  ): Result<typeof verifyEmailCodeEndpoint>;

  /** Files an appeal; resolves to the receipt with the registration number, due date and access secret. */
  fileAppeal(
    organizationId: string,
    submission: Body<typeof fileAppealEndpoint>,
    options: OnceOptions,
  ): Result<typeof fileAppealEndpoint>;
  /** E-mails the private link again if the number and e-mail match; never says whether they do. */
  requestLostLink(
    organizationId: string,
    body: Body<typeof requestLostLinkEndpoint>,
    options?: CallOptions,
  ): Result<typeof requestLostLinkEndpoint>;
  /** The applicant's view of an appeal, opened with its access secret. */
  getAppeal(appealId: string, accessSecret: string, options?: CallOptions): Result<typeof getAppealEndpoint>;
  /** The applicant adds a clarification (files uploaded before go in `attachmentIds`). */
  addAppealMessage(
    appealId: string,
    accessSecret: string,
    message: Body<typeof addAppealMessageEndpoint>,
    options: OnceOptions,
  ): Result<typeof addAppealMessageEndpoint>;
  /** The applicant rates the answer 1–5. */
  rateAppealAnswer(
    appealId: string,
    accessSecret: string,
    rating: Body<typeof rateAppealAnswerEndpoint>,
    options: OnceOptions,
  ): Result<typeof rateAppealAnswerEndpoint>;
  /** The applicant withdraws the appeal, where the jurisdiction profile allows it. */
  withdrawAppeal(
    appealId: string,
    accessSecret: string,
    options: OnceOptions,
  ): Result<typeof withdrawAppealEndpoint>;

  /** Uploads one file for an appeal being written; send the returned `id` in `attachmentIds`. */
  uploadAttachment(
    organizationId: string,
    file: Blob,
    options?: UploadOptions,
  ): Result<typeof uploadAttachmentEndpoint>;
  /** Deletes an upload no appeal has taken yet, with the `uploadToken` returned by the upload. */
  deleteUpload(
    organizationId: string,
    uploadId: string,
    uploadToken: string,
    options?: CallOptions,
  ): Result<typeof deleteUploadEndpoint>;
  /** Downloads a file of the appeal, opened with the appeal's access secret. */
  getAppealAttachment(
    appealId: string,
    attachmentId: string,
    accessSecret: string,
    options?: CallOptions,
  ): Result<typeof getAppealAttachmentEndpoint>;

  /**
   * Rates a service; resolves to the receipt with the organisation's updated rating. Rejects with
   * code `already-rated` (409) when this person or device rated the service today.
   */
  submitRating(
    organizationId: string,
    rating: Body<typeof submitRatingEndpoint>,
    options: OnceOptions,
  ): Result<typeof submitRatingEndpoint>;
  /** The organisation's rating: averages, count, distribution and position (what the badge shows). */
  getRatingSummary(organizationId: string, options?: CallOptions): Result<typeof getRatingSummaryEndpoint>;
  /** Organisations ranked with this one (its siblings or its sphere) over a period, best first. */
  getRatingRanking(
    organizationId: string,
    query?: Query<typeof getRatingRankingEndpoint>,
    options?: CallOptions,
  ): Result<typeof getRatingRankingEndpoint>;
  /** Trend, positions and their change since the previous period, for the organisation and its subordinates. */
  getRatingAnalytics(
    organizationId: string,
    query?: Query<typeof getRatingAnalyticsEndpoint>,
    options?: CallOptions,
  ): Result<typeof getRatingAnalyticsEndpoint>;

  /** Staff (`appeals.read`): the organisation's appeals by deadline, open ones first, with filters. */
  listStaffAppeals(
    query?: Query<typeof listStaffAppealsEndpoint>,
    options?: CallOptions,
  ): Result<typeof listStaffAppealsEndpoint>;
  /** Staff (`appeals.read`): an appeal with the applicant's data; the read is audited. */
  getStaffAppeal(appealId: string, options?: CallOptions): Result<typeof getStaffAppealEndpoint>;
  /** Staff (`appeals.answer`): answers the appeal with its result; the applicant is notified. */
  answerStaffAppeal(
    appealId: string,
    answer: Body<typeof answerStaffAppealEndpoint>,
    options?: CallOptions,
  ): Result<typeof answerStaffAppealEndpoint>;
  /** Staff (`appeals.process`): in review, forwarded, extended or left without answer (409 if not allowed now). */
  changeStaffAppealStatus(
    appealId: string,
    change: Body<typeof changeStaffAppealStatusEndpoint>,
    options?: CallOptions,
  ): Result<typeof changeStaffAppealStatusEndpoint>;
  /** Staff (`appeals.process`): writes to the applicant, e.g. to ask for a clarification. */
  addStaffAppealMessage(
    appealId: string,
    message: Body<typeof addStaffAppealMessageEndpoint>,
    options?: CallOptions,
  ): Result<typeof addStaffAppealMessageEndpoint>;
  /** Staff (`appeals.read`): downloads a file of the appeal; audited. */
  getStaffAppealAttachment(
    appealId: string,
    attachmentId: string,
    options?: CallOptions,
  ): Result<typeof getStaffAppealAttachmentEndpoint>;

  /** Staff (`appeals.read`): the card's staff side: executor, internal notes, who has it open, related appeals, the draft. */
  getStaffAppealCard(appealId: string, options?: CallOptions): Result<typeof desk.getStaffAppealCardEndpoint>;
  /** Staff (`appeals.read`): marks the appeal open by the caller for two minutes; who else has it open. */
  markStaffAppealOpen(
    appealId: string,
    options?: CallOptions,
  ): Result<typeof desk.markStaffAppealOpenEndpoint>;
  /** Staff (`appeals.assign`): assigns the appeal to an executor, with an internal due date. */
  assignStaffAppeal(
    appealId: string,
    assignment: Body<typeof desk.assignStaffAppealEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.assignStaffAppealEndpoint>;
  /** Staff (`appeals.read`): adds an internal note, never shown to the applicant. */
  addStaffAppealNote(
    appealId: string,
    note: Body<typeof desk.addStaffAppealNoteEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.addStaffAppealNoteEndpoint>;
  /** Staff (`appeals.assign`): merges a duplicate into the appeal; the answer goes to both. */
  mergeStaffAppealDuplicate(
    appealId: string,
    merge: Body<typeof desk.mergeStaffAppealDuplicateEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.mergeStaffAppealDuplicateEndpoint>;
  /** Staff (`appeals.draft`): saves the answer's draft (an appeal assigned to the caller). */
  saveStaffAnswerDraft(
    appealId: string,
    draft: Body<typeof desk.saveStaffAnswerDraftEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.saveStaffAnswerDraftEndpoint>;
  /** Staff (`appeals.draft`): sends the draft for approval. */
  submitStaffAnswerDraft(
    appealId: string,
    options?: CallOptions,
  ): Result<typeof desk.submitStaffAnswerDraftEndpoint>;
  /** Staff (`appeals.answer`): returns the draft to the executor with a comment. */
  returnStaffAnswerDraft(
    appealId: string,
    input: Body<typeof desk.returnStaffAnswerDraftEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.returnStaffAnswerDraftEndpoint>;
  /** Staff (`appeals.answer`): approves the draft and sends it as the answer. */
  approveStaffAnswerDraft(
    appealId: string,
    options?: CallOptions,
  ): Result<typeof desk.approveStaffAnswerDraftEndpoint>;
  /** Staff (`appeals.read`): the answer templates, filled in for this appeal. */
  listStaffAppealTemplates(
    appealId: string,
    options?: CallOptions,
  ): Result<typeof desk.listStaffAppealTemplatesEndpoint>;
  /** Staff (`appeals.read`): the organisation's library of answer templates. */
  listAnswerTemplates(options?: CallOptions): Result<typeof desk.listAnswerTemplatesEndpoint>;
  /** Staff (`appeals.assign`): creates or replaces an answer template. */
  putAnswerTemplate(
    templateId: string,
    template: Body<typeof desk.putAnswerTemplateEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.putAnswerTemplateEndpoint>;
  /** Staff (`appeals.assign`): removes an answer template. */
  deleteAnswerTemplate(
    templateId: string,
    options?: CallOptions,
  ): Result<typeof desk.deleteAnswerTemplateEndpoint>;
  /** Console (`account.manage`): which staff mails the signed-in person gets. */
  getStaffMailPreferences(options?: CallOptions): Result<typeof desk.getStaffMailPreferencesEndpoint>;
  /** Console (`account.manage`): chooses which staff mails to get, at once or as a daily digest. */
  putStaffMailPreferences(
    preferences: Body<typeof desk.putStaffMailPreferencesEndpoint>,
    options?: CallOptions,
  ): Result<typeof desk.putStaffMailPreferencesEndpoint>;
  /** Staff (`appeals.draft`): attaches a file to the answer's draft. */
  uploadStaffAnswerAttachment(
    appealId: string,
    file: Blob,
    options?: UploadOptions,
  ): Result<typeof desk.uploadStaffAnswerAttachmentEndpoint>;
  /** Staff (`appeals.draft`): removes a file from the answer's draft. */
  deleteStaffAnswerAttachment(
    appealId: string,
    attachmentId: string,
    options?: CallOptions,
  ): Result<typeof desk.deleteStaffAnswerAttachmentEndpoint>;
  /**
   * Staff (`settings.manage`): name, short name, contacts, jurisdiction profile, languages, time zone,
   * allowed origins; resolves to the new widget settings.
   */
  updateOrganizationSettings(
    organizationId: string,
    patch: Body<typeof updateOrganizationSettingsEndpoint>,
    options?: CallOptions,
  ): Result<typeof updateOrganizationSettingsEndpoint>;
  /** Staff (`settings.manage`): how the organisation takes ratings; resolves to the form's new settings. */
  updateRatingSettings(
    organizationId: string,
    patch: Body<typeof updateRatingSettingsEndpoint>,
    options?: CallOptions,
  ): Result<typeof updateRatingSettingsEndpoint>;
  /** Staff (`settings.manage`): creates or replaces one of the organisation's own criteria sets. */
  putCriteriaSet(
    organizationId: string,
    setId: string,
    set: Body<typeof putCriteriaSetEndpoint>,
    options?: CallOptions,
  ): Result<typeof putCriteriaSetEndpoint>;
  /** Staff (`settings.manage`): everything set about the organisation, with the portal's limits. */
  getOrganizationSettings(
    organizationId: string,
    options?: CallOptions,
  ): Result<typeof getOrganizationSettingsEndpoint>;
  /** Staff (`settings.manage`): allows an origin (`https://school.example`); resolves to every allowed origin. */
  addAllowedOrigin(
    organizationId: string,
    body: Body<typeof addAllowedOriginEndpoint>,
    options?: CallOptions,
  ): Result<typeof addAllowedOriginEndpoint>;
  /** Staff (`settings.manage`): removes an allowed origin; resolves to those left. */
  removeAllowedOrigin(
    organizationId: string,
    origin: string,
    options?: CallOptions,
  ): Result<typeof removeAllowedOriginEndpoint>;
  /** Staff (`settings.manage`): fetches a page of the site and says what it still needs for the widgets. */
  checkSite(
    organizationId: string,
    body: Body<typeof checkSiteEndpoint>,
    options?: CallOptions,
  ): Result<typeof checkSiteEndpoint>;
  /** Staff (`settings.manage`): every version of the consent document, newest (current) first. */
  listConsentVersions(
    organizationId: string,
    options?: CallOptions,
  ): Result<typeof listConsentVersionsEndpoint>;
  /** Staff (`settings.manage`): publishes a new consent version; old appeals keep theirs. */
  publishConsentVersion(
    organizationId: string,
    body: Body<typeof publishConsentVersionEndpoint>,
    options?: CallOptions,
  ): Result<typeof publishConsentVersionEndpoint>;
  /** Staff (`settings.manage`): every topic with its names per language, archived ones last. */
  listTopics(organizationId: string, options?: CallOptions): Result<typeof listTopicsEndpoint>;
  /** Staff (`settings.manage`): adds, renames, archives or restores a topic. */
  putTopic(
    organizationId: string,
    topicId: string,
    body: Body<typeof putTopicEndpoint>,
    options?: CallOptions,
  ): Result<typeof putTopicEndpoint>;
  /** Staff (`settings.manage`): puts the topics that are not archived in the given order. */
  reorderTopics(
    organizationId: string,
    body: Body<typeof reorderTopicsEndpoint>,
    options?: CallOptions,
  ): Result<typeof reorderTopicsEndpoint>;
  /** Staff (`settings.manage`): identity methods and attachment rules of the appeal form. */
  updateAppealOptions(
    organizationId: string,
    body: Body<typeof updateAppealOptionsEndpoint>,
    options?: CallOptions,
  ): Result<typeof updateAppealOptionsEndpoint>;
  /** Staff (`ratings.read`, this organisation or one above it): rating comments, newest first. */
  listStaffRatingComments(
    organizationId: string,
    query?: Query<typeof listStaffRatingCommentsEndpoint>,
    options?: CallOptions,
  ): Result<typeof listStaffRatingCommentsEndpoint>;
  /** Staff (`ratings.read`, this organisation or one above it): every rating of a period as a CSV `Blob`. */
  exportStaffRatings(
    organizationId: string,
    query?: Query<typeof exportStaffRatingsEndpoint>,
    options?: CallOptions,
  ): Result<typeof exportStaffRatingsEndpoint>;
  /**
   * Staff (`reports.read`, this organisation or one above it): the monthly appeal report in the ССТУ
   * categories — received by type and theme, considered by result, forwarded, extended, left without
   * answer, overdue — with each organisation's own row (`query.includeSubordinates` for all below).
   */
  getStaffAppealReport(
    organizationId: string,
    query?: Query<typeof getStaffAppealReportEndpoint>,
    options?: CallOptions,
  ): Result<typeof getStaffAppealReportEndpoint>;
  /** Staff (`reports.read`): the monthly report as a CSV `Blob`. */
  exportStaffAppealReportCsv(
    organizationId: string,
    query?: Query<typeof exportStaffAppealReportCsvEndpoint>,
    options?: CallOptions,
  ): Result<typeof exportStaffAppealReportCsvEndpoint>;
  /** Staff (`reports.read`): the monthly report as an XLSX `Blob`. */
  exportStaffAppealReportXlsx(
    organizationId: string,
    query?: Query<typeof exportStaffAppealReportXlsxEndpoint>,
    options?: CallOptions,
  ): Result<typeof exportStaffAppealReportXlsxEndpoint>;
  /** Staff (`settings.manage`): searches the thematic classifier of appeals. */
  listAppealClassifier(
    query?: Query<typeof listAppealClassifierEndpoint>,
    options?: CallOptions,
  ): Result<typeof listAppealClassifierEndpoint>;
  /** Staff (`settings.manage`): the organisation's topics with the classifier code of each. */
  listTopicClassifierCodes(
    organizationId: string,
    query?: Query<typeof listTopicClassifierCodesEndpoint>,
    options?: CallOptions,
  ): Result<typeof listTopicClassifierCodesEndpoint>;
  /**
   * Portal administrators: imports the full classifier from CSV (`code;title`), all rows or none;
   * with `dryRun`, only says what it would do.
   */
  importAppealClassifier(
    body: Body<typeof importAppealClassifierEndpoint>,
    options?: CallOptions,
  ): Result<typeof importAppealClassifierEndpoint>;
  /** Staff (`settings.manage`): the classifier code a topic is reported under (`null` removes it). */
  setTopicClassifierCode(
    organizationId: string,
    topicId: string,
    body: Body<typeof setTopicClassifierCodeEndpoint>,
    options?: CallOptions,
  ): Result<typeof setTopicClassifierCodeEndpoint>;
  /** Staff (`settings.manage`): the organisation's webhooks with the last attempt of each. */
  listStaffWebhooks(organizationId: string, options?: CallOptions): Result<typeof listStaffWebhooksEndpoint>;
  /**
   * Staff (`settings.manage`): registers a URL for appeal events; resolves with the signing secret,
   * shown this once.
   */
  createStaffWebhook(
    organizationId: string,
    body: Body<typeof createStaffWebhookEndpoint>,
    options?: CallOptions,
  ): Result<typeof createStaffWebhookEndpoint>;
  /** Staff (`settings.manage`): removes a webhook and its pending deliveries. */
  deleteStaffWebhook(
    organizationId: string,
    webhookId: string,
    options?: CallOptions,
  ): Result<typeof deleteStaffWebhookEndpoint>;
  /** Staff (`settings.manage`): a webhook's deliveries, newest first, with their last response. */
  listStaffWebhookDeliveries(
    organizationId: string,
    webhookId: string,
    query?: Query<typeof listStaffWebhookDeliveriesEndpoint>,
    options?: CallOptions,
  ): Result<typeof listStaffWebhookDeliveriesEndpoint>;

  /** Console: e-mails a sign-in code (always 202, whether or not the address has an account). */
  requestStaffSignIn(
    body: Body<typeof requestStaffSignInEndpoint>,
    options?: CallOptions,
  ): Result<typeof requestStaffSignInEndpoint>;
  /** Console: checks the code (and the authenticator's code) and starts a session (cookie + CSRF token). */
  verifyStaffSignIn(
    signInId: string,
    body: Body<typeof verifyStaffSignInEndpoint>,
    options?: CallOptions,
  ): Result<typeof verifyStaffSignInEndpoint>;
  /** Console: how staff may sign in here (the e-mail code; the portal's OpenID Connect provider, if any). */
  getStaffSignInMethods(options?: CallOptions): Result<typeof getStaffSignInMethodsEndpoint>;
  /** Console: starts a sign-in with the portal's OpenID Connect provider; send the browser to its URL. */
  startStaffOidcSignIn(options?: CallOptions): Result<typeof startStaffOidcSignInEndpoint>;
  /** Console: finishes it with the callback's `state` and `code` (and the authenticator's code). */
  completeStaffOidcSignIn(
    body: Body<typeof completeStaffOidcSignInEndpoint>,
    options?: CallOptions,
  ): Result<typeof completeStaffOidcSignInEndpoint>;
  /** Console: accepts an invitation by the token of its link; sign in with the invited address next. */
  acceptStaffInvitation(
    body: Body<typeof acceptStaffInvitationEndpoint>,
    options?: CallOptions,
  ): Result<typeof acceptStaffInvitationEndpoint>;
  /** The signed-in person, their roles and permissions per organisation, and the CSRF token. */
  getStaffSession(options?: CallOptions): Result<typeof getStaffSessionEndpoint>;
  /** Ends this session. */
  signOutStaff(options?: CallOptions): Result<typeof signOutStaffEndpoint>;
  /** Ends every session of the signed-in person. */
  signOutStaffEverywhere(options?: CallOptions): Result<typeof signOutStaffEverywhereEndpoint>;
  /** A new authenticator (TOTP) secret and its `otpauth://` URI; pending until confirmed. */
  startTotpEnrolment(options?: CallOptions): Result<typeof startTotpEnrolmentEndpoint>;
  /** Confirms the authenticator with a current code. */
  confirmTotp(
    body: Body<typeof confirmTotpEndpoint>,
    options?: CallOptions,
  ): Result<typeof confirmTotpEndpoint>;
  /** Removes the authenticator (with a current code). */
  disableTotp(
    body: Body<typeof disableTotpEndpoint>,
    options?: CallOptions,
  ): Result<typeof disableTotpEndpoint>;
  /** Staff (`people.manage`): the organisation's people with their roles, and open invitations. */
  listStaffPeople(organizationId: string, options?: CallOptions): Result<typeof listStaffPeopleEndpoint>;
  /** Staff (`people.manage`): invites a person by e-mail to a role. */
  inviteStaffPerson(
    organizationId: string,
    body: Body<typeof inviteStaffPersonEndpoint>,
    options?: CallOptions,
  ): Result<typeof inviteStaffPersonEndpoint>;
  /** Staff (`people.manage`): sets a person's roles in the organisation (empty: removes them). */
  setStaffPersonRoles(
    organizationId: string,
    personId: string,
    body: Body<typeof setStaffPersonRolesEndpoint>,
    options?: CallOptions,
  ): Result<typeof setStaffPersonRolesEndpoint>;
  /** Staff (`keys.manage`): the organisation's API keys. */
  listStaffApiKeys(organizationId: string, options?: CallOptions): Result<typeof listStaffApiKeysEndpoint>;
  /** Staff (`keys.manage`): creates an API key; the plain key is in this answer only. */
  createStaffApiKey(
    organizationId: string,
    body: Body<typeof createStaffApiKeyEndpoint>,
    options?: CallOptions,
  ): Result<typeof createStaffApiKeyEndpoint>;
  /** Staff (`keys.manage`): revokes an API key. */
  revokeStaffApiKey(
    organizationId: string,
    keyId: string,
    options?: CallOptions,
  ): Result<typeof revokeStaffApiKeyEndpoint>;
  /** Staff (`audit.read`): the organisation's audit log, newest first (`before` pages back). */
  listStaffAuditLog(
    organizationId: string,
    query?: Query<typeof listStaffAuditLogEndpoint>,
    options?: CallOptions,
  ): Result<typeof listStaffAuditLogEndpoint>;
  /** Portal administrators: the portal's own audit log (sign-ins, organisations, imports), newest first. */
  listPortalAuditLog(
    query?: Query<typeof listPortalAuditLogEndpoint>,
    options?: CallOptions,
  ): Result<typeof listPortalAuditLogEndpoint>;
  /** Portal administrators: every organisation, with its number of administrators. */
  listPortalOrganizations(
    query?: Query<typeof listPortalOrganizationsEndpoint>,
    options?: CallOptions,
  ): Result<typeof listPortalOrganizationsEndpoint>;
  /** Portal administrators: creates an organisation. */
  createPortalOrganization(
    body: Body<typeof createPortalOrganizationEndpoint>,
    options?: CallOptions,
  ): Result<typeof createPortalOrganizationEndpoint>;
  /** Portal administrators: imports organisations from CSV, or only checks them (`dryRun`). */
  importPortalOrganizations(
    body: Body<typeof importPortalOrganizationsEndpoint>,
    options?: CallOptions,
  ): Result<typeof importPortalOrganizationsEndpoint>;
  /** Portal administrators: invites an organisation's administrator by e-mail. */
  invitePortalOrganizationAdministrator(
    organizationId: string,
    body: Body<typeof invitePortalOrganizationAdministratorEndpoint>,
    options?: CallOptions,
  ): Result<typeof invitePortalOrganizationAdministratorEndpoint>;
  /** Portal administrators: a country's (`RU`, `BY`) non-working days and working weekend days in a year. */
  getCalendarYear(
    country: string,
    year: string,
    options?: CallOptions,
  ): Result<typeof getCalendarYearEndpoint>;
  /** Portal administrators: marks a day (`YYYY-MM-DD`) a holiday, a day off or a working weekend day. */
  putCalendarDay(
    country: string,
    date: string,
    body: Body<typeof putCalendarDayEndpoint>,
    options?: CallOptions,
  ): Result<typeof putCalendarDayEndpoint>;
  /**
   * Staff (`appeals.read` in this organisation): the organisation's queue with deadlines and days
   * left, filters, full-text search and the "due this week" / "overdue" / "new" counts.
   */
  listOrganizationAppeals(
    organizationId: string,
    query?: Query<typeof listOrganizationAppealsEndpoint>,
    options?: CallOptions,
  ): Result<typeof listOrganizationAppealsEndpoint>;
  /** Portal administrators: returns a day to the ordinary week. */
  deleteCalendarDay(
    country: string,
    date: string,
    options?: CallOptions,
  ): Result<typeof deleteCalendarDayEndpoint>;
}

/** One string per `{placeholder}` of the path, in its order: `/v1/a/{x}/b/{y}` → `[string, string]`. */
type PathArgs<TPath extends string> = TPath extends `${string}{${string}}${infer Rest}`
  ? [string, ...PathArgs<Rest>]
  : [];

/** The positional arguments of an endpoint's method, in the order {@link OtklikClient} describes. */
type MethodArgs<E extends EndpointDefinition> = [
  ...PathArgs<E['path']>,
  ...(E extends { auth: 'appeal-secret' | 'upload-token' } ? [credential: string] : []),
  ...([BodyOf<E>] extends [never]
    ? E extends { upload: 'multipart' }
      ? [file: Blob]
      : []
    : [body: BodyOf<E>]),
  ...([QueryOf<E>] extends [never] ? [] : [query?: QueryOf<E>]),
  ...(E extends { idempotent: true }
    ? [options: OnceOptions]
    : E extends { upload: 'multipart' }
      ? [options?: UploadOptions]
      : [options?: CallOptions]),
];

/** Every endpoint as a method with positional arguments, derived from its definition. */
type EndpointMethods = {
  [K in EndpointName]: (...args: MethodArgs<Endpoints[K]>) => Result<Endpoints[K]>;
};

/**
 * One endpoint as a method: the arguments are taken in the order of {@link MethodArgs}, read off the
 * definition once here rather than written out per endpoint.
 */
function method(transport: Transport, endpoint: EndpointDefinition) {
  const names = Array.from(endpoint.path.matchAll(/\{(\w+)\}/g), (match) => match[1] as string);
  return (...args: unknown[]) => {
    let next = 0;
    const params: Record<string, unknown> = {};
    for (const name of names) params[name] = args[next++];
    const input: Record<string, unknown> = { params };
    if (endpoint.auth === 'appeal-secret') input.accessSecret = args[next++];
    if (endpoint.auth === 'upload-token') input.uploadToken = args[next++];
    if (endpoint.body !== undefined) input.body = args[next++];
    if (endpoint.upload !== undefined) input.file = args[next++];
    if (endpoint.query !== undefined) input.query = args[next++] ?? {};
    const { idempotencyKey, fileName, onProgress, ...options } = (args[next] ?? {}) as OnceOptions &
      UploadOptions;
    Object.assign(input, { idempotencyKey, fileName, onProgress });
    return request(transport, endpoint, input as RequestInput<EndpointDefinition>, options);
  };
}

/**
 * Creates a client for one portal. Share it: it holds the connection settings and, for staff
 * calls, the credentials.
 *
 * @example
 * // Public calls, from a page or a server:
 * const otklik = createClient({ baseUrl: 'https://otklik.example.org' });
 * const { items } = await otklik.searchOrganizations({ q: 'гимназия', sphere: 'education' });
 * const counter = await otklik.getAppealCounter(items[0].id);
 *
 * @example
 * // Staff calls, with an organisation's API key (server side; never ship a key to a browser):
 * const desk = createClient({ baseUrl: 'https://otklik.example.org', apiKey: process.env.OTKLIK_KEY });
 * const { items: due } = await desk.listStaffAppeals({ overdue: true });
 * await desk.answerStaffAppeal(due[0].appealId, { result: 'explained', text: 'Ответ по существу…' });
 */
export function createClient(options: ClientOptions): OtklikClient {
  const transport = createTransport(options);
  const methods = Object.fromEntries(
    Object.entries(endpoints).map(([name, endpoint]) => [name, method(transport, endpoint)]),
  ) as unknown as EndpointMethods;
  return {
    ...methods,
    transport,
    verifyEmailCode: (organizationId, verificationId, code, callOptions) =>
      methods.verifyEmailCode(organizationId, verificationId, { code }, callOptions),
  };
}
