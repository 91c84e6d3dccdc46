/**
 * @otklik/client — the typed client of the Otklik portal API.
 *
 * - {@link createClient}: every endpoint (public and staff) as a method, over ky, with responses
 *   validated against the contract's schemas.
 * - {@link fetchRoute}: one call with plain `fetch` and no schema, for size-critical widgets.
 * - {@link endpoints}: the contract itself — route, schemas, access and documentation of each
 *   endpoint — which the portal serves and documents.
 * - The schemas of the wire format, the errors every call may throw, the jurisdiction profiles.
 *
 * Subpaths: `@otklik/client/contract`, `/routes` (method and path only), `/schemas`, `/profiles`.
 */

// The client

export {
  type ClientOptions,
  createClient,
  type OnceOptions,
  type OtklikClient,
  type UploadOptions,
} from './client.ts';
// Endpoint definitions, by area
export {
  addAppealMessageEndpoint,
  fileAppealEndpoint,
  getAppealCounterEndpoint,
  getAppealEndpoint,
  rateAppealAnswerEndpoint,
  requestLostLinkEndpoint,
  withdrawAppealEndpoint,
} from './contract/appeals.ts';
export {
  deleteUploadEndpoint,
  getAppealAttachmentEndpoint,
  uploadAttachmentEndpoint,
} from './contract/attachments.ts';
export { createChallengeEndpoint } from './contract/challenges.ts';
export {
  getOrganizationEndpoint,
  getWidgetSettingsEndpoint,
  listServicesEndpoint,
  listSpheresEndpoint,
  searchOrganizationsEndpoint,
} from './contract/directory.ts';
// The contract: the endpoint table, the definition's shape and the types derived from it
export {
  type Access,
  type EndpointDefinition,
  type HttpMethod,
  type PublicAccess,
  type RecordSchema,
  STAFF_PERMISSIONS,
  type StaffPermission,
} from './contract/endpoint.ts';
export { requestEmailCodeEndpoint, verifyEmailCodeEndpoint } from './contract/identity.ts';
export { type EndpointName, type Endpoints, endpoints } from './contract/index.ts';
export {
  getRatingAnalyticsEndpoint,
  getRatingRankingEndpoint,
  getRatingSummaryEndpoint,
  submitRatingEndpoint,
} from './contract/ratings.ts';
export {
  addStaffAppealMessageEndpoint,
  answerStaffAppealEndpoint,
  changeStaffAppealStatusEndpoint,
  getStaffAppealAttachmentEndpoint,
  getStaffAppealEndpoint,
  listStaffAppealsEndpoint,
} from './contract/staff-appeals.ts';
export { exportStaffRatingsEndpoint, listStaffRatingCommentsEndpoint } from './contract/staff-ratings.ts';
export {
  exportStaffAppealReportCsvEndpoint,
  exportStaffAppealReportXlsxEndpoint,
  getStaffAppealReportEndpoint,
  importAppealClassifierEndpoint,
  listAppealClassifierEndpoint,
  listTopicClassifierCodesEndpoint,
  setTopicClassifierCodeEndpoint,
} from './contract/staff-reports.ts';
export {
  addAllowedOriginEndpoint,
  checkSiteEndpoint,
  getOrganizationSettingsEndpoint,
  listConsentVersionsEndpoint,
  listTopicsEndpoint,
  publishConsentVersionEndpoint,
  putCriteriaSetEndpoint,
  putTopicEndpoint,
  removeAllowedOriginEndpoint,
  reorderTopicsEndpoint,
  updateAppealOptionsEndpoint,
  updateOrganizationSettingsEndpoint,
  updateRatingSettingsEndpoint,
} from './contract/staff-settings.ts';
export {
  createStaffWebhookEndpoint,
  deleteStaffWebhookEndpoint,
  listStaffWebhookDeliveriesEndpoint,
  listStaffWebhooksEndpoint,
} from './contract/staff-webhooks.ts';
export {
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type RequestInput,
  type ResponseOf,
  type UploadProgress,
} from './contract/types.ts';
// Errors: every call rejects with one of these
export {
  isOtklikError,
  OtklikAbortedError,
  type OtklikClientError,
  OtklikNetworkError,
  OtklikProblemError,
  OtklikResponseShapeError,
  OtklikTimeoutError,
} from './errors.ts';
export { type FetchRouteOptions, fetchRoute } from './fetch-route.ts';
// Proof of work
export { type SolveOptions, solveChallenge } from './pow.ts';
// Jurisdiction profiles
export { type FieldRule, type JurisdictionProfile, jurisdictionProfiles } from './profiles.ts';
// Routes (method and path, no schema) for fetchRoute, by area
export {
  addAppealMessageRoute,
  fileAppealRoute,
  getAppealCounterRoute,
  getAppealRoute,
  rateAppealAnswerRoute,
  requestLostLinkRoute,
  withdrawAppealRoute,
} from './routes/appeals.ts';
export { deleteUploadRoute, getAppealAttachmentRoute, uploadAttachmentRoute } from './routes/attachments.ts';
export { createChallengeRoute } from './routes/challenges.ts';
export {
  getOrganizationRoute,
  getWidgetSettingsRoute,
  listServicesRoute,
  listSpheresRoute,
  searchOrganizationsRoute,
} from './routes/directory.ts';
export { requestEmailCodeRoute, verifyEmailCodeRoute } from './routes/identity.ts';
export {
  getRatingAnalyticsRoute,
  getRatingRankingRoute,
  getRatingSummaryRoute,
  submitRatingRoute,
} from './routes/ratings.ts';
export {
  addStaffAppealMessageRoute,
  answerStaffAppealRoute,
  changeStaffAppealStatusRoute,
  getStaffAppealAttachmentRoute,
  getStaffAppealRoute,
  listStaffAppealsRoute,
} from './routes/staff-appeals.ts';
export { exportStaffRatingsRoute, listStaffRatingCommentsRoute } from './routes/staff-ratings.ts';
export {
  exportStaffAppealReportCsvRoute,
  exportStaffAppealReportXlsxRoute,
  getStaffAppealReportRoute,
  importAppealClassifierRoute,
  listAppealClassifierRoute,
  listTopicClassifierCodesRoute,
  setTopicClassifierCodeRoute,
} from './routes/staff-reports.ts';
export {
  addAllowedOriginRoute,
  checkSiteRoute,
  getOrganizationSettingsRoute,
  listConsentVersionsRoute,
  listTopicsRoute,
  publishConsentVersionRoute,
  putCriteriaSetRoute,
  putTopicRoute,
  removeAllowedOriginRoute,
  reorderTopicsRoute,
  updateAppealOptionsRoute,
  updateOrganizationSettingsRoute,
  updateRatingSettingsRoute,
} from './routes/staff-settings.ts';
export {
  createStaffWebhookRoute,
  deleteStaffWebhookRoute,
  listStaffWebhookDeliveriesRoute,
  listStaffWebhooksRoute,
} from './routes/staff-webhooks.ts';
// Schemas of the wire format, by area
export {
  AppealCounter,
  AppealCounterQuery,
  AppealResult,
  AppealStats,
  AppealStatus,
  AppealType,
  OPEN_APPEAL_STATUSES,
} from './schemas/appeals.ts';
export { AttachmentParams, UploadParams } from './schemas/attachments.ts';
export {
  Category,
  Country,
  IsoDate,
  IsoTimestamp,
  JurisdictionProfileId,
  Language,
  OrganizationId,
  OrganizationParams,
  type Page,
  PageQuery,
  pageOf,
  queryInteger,
  Slug,
  Sphere,
} from './schemas/common.ts';
export {
  Accepted,
  AnswerRatingInput,
  AppealFormSettings,
  AppealMessage,
  AppealParams,
  AppealReceipt,
  AppealSubmission,
  AppealView,
  ApplicantMessageInput,
  AttachmentRef,
  AttachmentUpload,
  EmailCodeRequest,
  EmailCodeSent,
  EmailCodeVerification,
  JurisdictionProfileSchema,
  LostLinkRequest,
  PowChallenge,
  PowSolution,
  VerificationParams,
  VerifiedIdentity,
} from './schemas/intake.ts';
export {
  Coordinates,
  Organization,
  OrganizationPage,
  OrganizationSearchQuery,
  Service,
  ServiceListQuery,
  ServicePage,
  WidgetSettings,
  WidgetSettingsQuery,
} from './schemas/organizations.ts';
export { ORGANIZATION_ID_PATTERN, SLUG_PATTERN } from './schemas/patterns.ts';
export {
  FieldIssue,
  FieldIssueKind,
  PROBLEM_REASONS,
  Problem,
  ProblemCode,
  ProblemReason,
} from './schemas/problem.ts';
export {
  CriteriaSet,
  Criterion,
  CriterionId,
  CriterionSummary,
  LocalizedText,
  PeriodFigures,
  Position,
  PositionChange,
  RankingEntry,
  RankingPage,
  RankingQuery,
  RatingAnalytics,
  RatingAnalyticsQuery,
  RatingFormSettings,
  RatingPeriod,
  RatingReceipt,
  RatingSubmission,
  RatingSummary,
  Score,
  SphereEntry,
  SphereList,
  SphereListQuery,
  SubordinateFigures,
} from './schemas/ratings.ts';
export {
  LEFT_WITHOUT_ANSWER_REASONS,
  type LeftWithoutAnswerReason,
  StaffAnswerInput,
  StaffAppeal,
  StaffAppealPage,
  StaffAppealSummary,
  StaffMessageInput,
  StaffQueueQuery,
  StaffStatusInput,
} from './schemas/staff-appeals.ts';
export {
  RatingCommentsQuery,
  RatingsExportQuery,
  StaffRatingComment,
  StaffRatingCommentPage,
} from './schemas/staff-ratings.ts';
export {
  AppealReportCsvQuery,
  AppealReportOrganization,
  AppealReportQuery,
  AppealReportTheme,
  ClassifierCode,
  ClassifierEntry,
  ClassifierImport,
  ClassifierImportResult,
  ClassifierPage,
  ClassifierQuery,
  ReportMonth,
  StaffAppealReport,
  TopicCode,
  TopicCodeInput,
  TopicCodeList,
  TopicCodesQuery,
} from './schemas/staff-reports.ts';
export {
  AppealOptionsPatch,
  AttachmentRules,
  ConsentDocument,
  ConsentVersion,
  ConsentVersionBody,
  ConsentVersionList,
  CriteriaSetBody,
  CriteriaSetParams,
  IdentitySettings,
  OrganizationContacts,
  OrganizationSettings,
  OrganizationSettingsPatch,
  OriginBody,
  OriginCheckAdvice,
  OriginCheckBody,
  OriginCheckItem,
  OriginCheckReport,
  OriginList,
  OriginParams,
  RatingSettingsPatch,
  StaffTopic,
  TimeZone,
  TopicBody,
  TopicId,
  TopicList,
  TopicNames,
  TopicOrderBody,
  TopicParams,
  WebOrigin,
} from './schemas/staff-settings.ts';
export {
  CreatedWebhook,
  StaffWebhook,
  WEBHOOK_EVENTS,
  WEBHOOK_FAILURES,
  WebhookAttempt,
  WebhookDeliveriesQuery,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEvent,
  WebhookFailure,
  WebhookInput,
  WebhookList,
  WebhookParams,
} from './schemas/staff-webhooks.ts';
export { isCalendarDate, isPlainText, PLAIN_TEXT_MESSAGE, PlainString, plainText } from './schemas/text.ts';
// Calling without createClient: one endpoint at a time
export {
  type CallOptions,
  callHeaders,
  createTransport,
  request,
  type StaffCredentials,
  type StaffSessionCredentials,
  type Transport,
  type TransportOptions,
} from './transport.ts';
