/**
 * The portal API as data: every public endpoint with its method, path and the valibot schemas of its
 * path parameters, query and response. The server registers its routes, validates input and
 * publishes its OpenAPI document from this table; the client builds its calls from it. A change to
 * the wire format is therefore a change here, seen by both sides at once.
 */
import * as v from 'valibot';
import {
  getRatingAnalyticsRoute,
  getRatingRankingRoute,
  getRatingSummaryRoute,
  listSpheresRoute,
  submitRatingRoute,
} from './routes/ratings.ts';
import {
  addAppealMessageRoute,
  createChallengeRoute,
  fileAppealRoute,
  getAppealCounterRoute,
  getAppealRoute,
  getOrganizationRoute,
  getWidgetSettingsRoute,
  listServicesRoute,
  rateAppealAnswerRoute,
  requestEmailCodeRoute,
  requestLostLinkRoute,
  searchOrganizationsRoute,
  verifyEmailCodeRoute,
  withdrawAppealRoute,
} from './routes.ts';
import { AppealCounter, AppealCounterQuery } from './schemas/appeals.ts';
import {
  Accepted,
  AnswerRatingInput,
  AppealParams,
  AppealReceipt,
  AppealSubmission,
  AppealView,
  ApplicantMessageInput,
  EmailCodeRequest,
  EmailCodeSent,
  EmailCodeVerification,
  LostLinkRequest,
  PowChallenge,
  VerificationParams,
  VerifiedIdentity,
} from './schemas/intake.ts';
import {
  Organization,
  OrganizationPage,
  OrganizationParams,
  OrganizationSearchQuery,
  ServiceListQuery,
  ServicePage,
  WidgetSettings,
} from './schemas/organizations.ts';
import {
  RankingPage,
  RankingQuery,
  RatingAnalytics,
  RatingAnalyticsQuery,
  RatingReceipt,
  RatingSubmission,
  RatingSummary,
  SphereList,
  SphereListQuery,
} from './schemas/ratings.ts';

type ObjectSchema = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;

export interface EndpointDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI-style path with `{name}` placeholders for path parameters. */
  readonly path: `/v1/${string}`;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: ObjectSchema;
  readonly query?: ObjectSchema;
  /** JSON request body. */
  readonly body?: v.GenericSchema;
  readonly response: v.GenericSchema;
  /** Status of a successful answer (200 unless given). */
  readonly successStatus?: 200 | 201 | 202;
  /**
   * `organization`: called from widgets on an organisation's site; only that organisation's allowed
   * origins may call it cross-origin. `appeal`: the same, for the organisation the appeal belongs to.
   * `directory`: public directory data; an origin allowed by any organisation may call it.
   */
  readonly access: 'organization' | 'appeal' | 'directory';
  /**
   * Writes that take an `Idempotency-Key`: a retry with the same key returns the first answer and
   * writes nothing; the same key with another body is refused (409 `conflict`).
   */
  readonly idempotent?: boolean;
  /** `appeal-secret`: the appeal's access secret is sent as `Authorization: Bearer <secret>`. */
  readonly auth?: 'appeal-secret';
  /** Whether CDNs and browsers may cache the response (sent with `ETag` and `Cache-Control`). */
  readonly cacheable: boolean;
}

export const searchOrganizationsEndpoint = {
  ...searchOrganizationsRoute,
  summary: 'Search and list organisations',
  description: 'Filters by words in the name, sphere, category, country and parent organisation.',
  tags: ['organizations'],
  query: OrganizationSearchQuery,
  response: OrganizationPage,
  access: 'directory',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getOrganizationEndpoint = {
  ...getOrganizationRoute,
  summary: "An organisation's public profile",
  tags: ['organizations'],
  params: OrganizationParams,
  response: Organization,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const listServicesEndpoint = {
  ...listServicesRoute,
  summary: 'Services the organisation provides',
  tags: ['organizations'],
  params: OrganizationParams,
  query: ServiceListQuery,
  response: ServicePage,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getWidgetSettingsEndpoint = {
  ...getWidgetSettingsRoute,
  summary: 'Public settings the widgets need',
  tags: ['organizations'],
  params: OrganizationParams,
  response: WidgetSettings,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getAppealCounterEndpoint = {
  ...getAppealCounterRoute,
  summary: 'Appeal counter figures for the current month and year',
  description:
    'Received, by type, in progress, considered by result, forwarded, left without answer and overdue ' +
    '(Указ № 171). Cached for a minute; answers 304 to a matching If-None-Match.',
  tags: ['appeals'],
  params: OrganizationParams,
  query: AppealCounterQuery,
  response: AppealCounter,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const createChallengeEndpoint = {
  ...createChallengeRoute,
  summary: 'A proof-of-work challenge for the next write',
  description: 'Signed, expiring and single-use; solved in the background by the widget.',
  tags: ['anti-abuse'],
  params: OrganizationParams,
  response: PowChallenge,
  successStatus: 201,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const requestEmailCodeEndpoint = {
  ...requestEmailCodeRoute,
  summary: 'E-mail a one-time code to verify the applicant',
  tags: ['identity'],
  params: OrganizationParams,
  body: EmailCodeRequest,
  response: EmailCodeSent,
  successStatus: 202,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const verifyEmailCodeEndpoint = {
  ...verifyEmailCodeRoute,
  summary: 'Check the one-time code; returns an identity token for filing',
  tags: ['identity'],
  params: v.object({ ...OrganizationParams.entries, ...VerificationParams.entries }),
  body: EmailCodeVerification,
  response: VerifiedIdentity,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const fileAppealEndpoint = {
  ...fileAppealRoute,
  summary: 'File an appeal',
  description:
    'Registers the appeal on receipt and returns its registration number, due date and the access secret ' +
    'of its private status page. Needs consent, a solved proof of work and, where the jurisdiction profile ' +
    'requires it, a verified identity.',
  tags: ['appeals'],
  params: OrganizationParams,
  body: AppealSubmission,
  response: AppealReceipt,
  successStatus: 201,
  access: 'organization',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const requestLostLinkEndpoint = {
  ...requestLostLinkRoute,
  summary: 'E-mail the private link again ("lost my link")',
  description: 'Always answers 202: the answer never reveals whether the number and e-mail match an appeal.',
  tags: ['appeals'],
  params: OrganizationParams,
  body: LostLinkRequest,
  response: Accepted,
  successStatus: 202,
  access: 'organization',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getAppealEndpoint = {
  ...getAppealRoute,
  summary: "The applicant's view of an appeal: status history, due date, answer, messages",
  tags: ['appeals'],
  params: AppealParams,
  response: AppealView,
  access: 'appeal',
  auth: 'appeal-secret',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const addAppealMessageEndpoint = {
  ...addAppealMessageRoute,
  summary: 'Add a clarification to the appeal',
  tags: ['appeals'],
  params: AppealParams,
  body: ApplicantMessageInput,
  response: AppealView,
  successStatus: 201,
  access: 'appeal',
  auth: 'appeal-secret',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const rateAppealAnswerEndpoint = {
  ...rateAppealAnswerRoute,
  summary: 'Rate the answer (1–5)',
  tags: ['appeals'],
  params: AppealParams,
  body: AnswerRatingInput,
  response: AppealView,
  access: 'appeal',
  auth: 'appeal-secret',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const withdrawAppealEndpoint = {
  ...withdrawAppealRoute,
  summary: 'Withdraw the appeal before it is answered, where the profile allows it',
  tags: ['appeals'],
  params: AppealParams,
  response: AppealView,
  access: 'appeal',
  auth: 'appeal-secret',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listSpheresEndpoint = {
  ...listSpheresRoute,
  summary: 'Spheres of activity and their categories, with the number of organisations in each',
  tags: ['organizations'],
  query: SphereListQuery,
  response: SphereList,
  access: 'directory',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const submitRatingEndpoint = {
  ...submitRatingRoute,
  summary: 'Rate a service the organisation provided',
  description:
    "Scores every criterion of the organisation's criteria set 1–5 for a service received on a given date " +
    '(not in the future, not older than the organisation allows). One rating per person (or, when ' +
    'anonymous, per device) per service per day: a second gets 409 `already-rated`. Needs a solved ' +
    'proof of work and, where the organisation requires it, a verified identity.',
  tags: ['ratings'],
  params: OrganizationParams,
  body: RatingSubmission,
  response: RatingReceipt,
  successStatus: 201,
  access: 'organization',
  idempotent: true,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const getRatingSummaryEndpoint = {
  ...getRatingSummaryRoute,
  summary: "The organisation's rating: averages per criterion and overall, count, distribution, position",
  description: 'Cached for a minute; answers 304 to a matching If-None-Match.',
  tags: ['ratings'],
  params: OrganizationParams,
  response: RatingSummary,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getRatingRankingEndpoint = {
  ...getRatingRankingRoute,
  summary: 'Ranking of the organisation among its siblings or within its sphere, for a period',
  tags: ['ratings'],
  params: OrganizationParams,
  query: RankingQuery,
  response: RankingPage,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

export const getRatingAnalyticsEndpoint = {
  ...getRatingAnalyticsRoute,
  summary: 'Rating analytics: monthly trend, positions and their change, subordinate organisations',
  description:
    'Compares the period containing `on` with the one before it. Public figures only: comments are ' +
    'read by staff through the staff API.',
  tags: ['ratings'],
  params: OrganizationParams,
  query: RatingAnalyticsQuery,
  response: RatingAnalytics,
  access: 'organization',
  cacheable: true,
} as const satisfies EndpointDefinition;

/** Every public endpoint by name; the server serves exactly these. */
export const endpoints = {
  searchOrganizations: searchOrganizationsEndpoint,
  getOrganization: getOrganizationEndpoint,
  listServices: listServicesEndpoint,
  getWidgetSettings: getWidgetSettingsEndpoint,
  getAppealCounter: getAppealCounterEndpoint,
  createChallenge: createChallengeEndpoint,
  requestEmailCode: requestEmailCodeEndpoint,
  verifyEmailCode: verifyEmailCodeEndpoint,
  fileAppeal: fileAppealEndpoint,
  requestLostLink: requestLostLinkEndpoint,
  getAppeal: getAppealEndpoint,
  addAppealMessage: addAppealMessageEndpoint,
  rateAppealAnswer: rateAppealAnswerEndpoint,
  withdrawAppeal: withdrawAppealEndpoint,
  listSpheres: listSpheresEndpoint,
  submitRating: submitRatingEndpoint,
  getRatingSummary: getRatingSummaryEndpoint,
  getRatingRanking: getRatingRankingEndpoint,
  getRatingAnalytics: getRatingAnalyticsEndpoint,
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
