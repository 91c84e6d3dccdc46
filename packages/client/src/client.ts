import type { EndpointDefinition } from './contract.ts';
import {
  addAppealMessageEndpoint,
  createChallengeEndpoint,
  fileAppealEndpoint,
  getAppealCounterEndpoint,
  getAppealEndpoint,
  getOrganizationEndpoint,
  getRatingAnalyticsEndpoint,
  getRatingRankingEndpoint,
  getRatingSummaryEndpoint,
  getWidgetSettingsEndpoint,
  listServicesEndpoint,
  listSpheresEndpoint,
  rateAppealAnswerEndpoint,
  requestEmailCodeEndpoint,
  requestLostLinkEndpoint,
  searchOrganizationsEndpoint,
  submitRatingEndpoint,
  verifyEmailCodeEndpoint,
  withdrawAppealEndpoint,
} from './contract.ts';
import {
  type BodyOf,
  type CallOptions,
  createTransport,
  type QueryOf,
  type ResponseOf,
  request,
  type Transport,
  type TransportOptions,
} from './transport.ts';

type Query<TEndpoint extends EndpointDefinition> = QueryOf<TEndpoint>;
type Result<TEndpoint extends EndpointDefinition> = Promise<ResponseOf<TEndpoint>>;
type Body<TEndpoint extends EndpointDefinition> = BodyOf<TEndpoint>;

/**
 * Options of a write that must happen once. Generate the key once per action (for example when the
 * citizen presses "Send") and pass the same key when retrying that action; the portal then returns
 * the first answer instead of writing twice.
 */
export interface OnceOptions extends CallOptions {
  idempotencyKey: string;
}

/**
 * The portal API as methods. Every method resolves to the validated response or rejects with an
 * {@link OtklikClientError}; see `errors.ts`.
 *
 * @example
 * const otklik = createClient({ baseUrl: 'https://otklik.example.org' });
 * const { items } = await otklik.searchOrganizations({ q: 'гимназия', sphere: 'education' });
 * const counter = await otklik.getAppealCounter(items[0].id);
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
  /** The public settings widgets need: jurisdiction profile, languages, allowed origins. */
  getWidgetSettings(organizationId: string, options?: CallOptions): Result<typeof getWidgetSettingsEndpoint>;
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
  addAppealMessage(
    appealId: string,
    accessSecret: string,
    message: Body<typeof addAppealMessageEndpoint>,
    options: OnceOptions,
  ): Result<typeof addAppealMessageEndpoint>;
  rateAppealAnswer(
    appealId: string,
    accessSecret: string,
    rating: Body<typeof rateAppealAnswerEndpoint>,
    options: OnceOptions,
  ): Result<typeof rateAppealAnswerEndpoint>;
  withdrawAppeal(
    appealId: string,
    accessSecret: string,
    options: OnceOptions,
  ): Result<typeof withdrawAppealEndpoint>;

  /** Spheres of activity with their categories and organisation counts (for search filters). */
  listSpheres(
    query?: Query<typeof listSpheresEndpoint>,
    options?: CallOptions,
  ): Result<typeof listSpheresEndpoint>;
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
}

export type ClientOptions = TransportOptions;

export function createClient(options: ClientOptions): OtklikClient {
  const transport = createTransport(options);
  const org = (organizationId: string) => ({ organizationId });
  return {
    transport,
    searchOrganizations: (query = {}, callOptions) =>
      request(transport, searchOrganizationsEndpoint, { query }, callOptions),
    getOrganization: (organizationId, callOptions) =>
      request(transport, getOrganizationEndpoint, { params: org(organizationId) }, callOptions),
    listServices: (organizationId, query = {}, callOptions) =>
      request(transport, listServicesEndpoint, { params: org(organizationId), query }, callOptions),
    getWidgetSettings: (organizationId, callOptions) =>
      request(transport, getWidgetSettingsEndpoint, { params: org(organizationId) }, callOptions),
    getAppealCounter: (organizationId, query = {}, callOptions) =>
      request(transport, getAppealCounterEndpoint, { params: org(organizationId), query }, callOptions),
    createChallenge: (organizationId, callOptions) =>
      request(transport, createChallengeEndpoint, { params: org(organizationId) }, callOptions),
    requestEmailCode: (organizationId, body, callOptions) =>
      request(transport, requestEmailCodeEndpoint, { params: org(organizationId), body }, callOptions),
    verifyEmailCode: (organizationId, verificationId, code, callOptions) =>
      request(
        transport,
        verifyEmailCodeEndpoint,
        { params: { organizationId, verificationId }, body: { code } },
        callOptions,
      ),
    fileAppeal: (organizationId, body, { idempotencyKey, ...callOptions }) =>
      request(
        transport,
        fileAppealEndpoint,
        { params: org(organizationId), body, idempotencyKey },
        callOptions,
      ),
    requestLostLink: (organizationId, body, callOptions) =>
      request(transport, requestLostLinkEndpoint, { params: org(organizationId), body }, callOptions),
    getAppeal: (appealId, accessSecret, callOptions) =>
      request(transport, getAppealEndpoint, { params: { appealId }, accessSecret }, callOptions),
    addAppealMessage: (appealId, accessSecret, body, { idempotencyKey, ...callOptions }) =>
      request(
        transport,
        addAppealMessageEndpoint,
        { params: { appealId }, body, accessSecret, idempotencyKey },
        callOptions,
      ),
    rateAppealAnswer: (appealId, accessSecret, body, { idempotencyKey, ...callOptions }) =>
      request(
        transport,
        rateAppealAnswerEndpoint,
        { params: { appealId }, body, accessSecret, idempotencyKey },
        callOptions,
      ),
    withdrawAppeal: (appealId, accessSecret, { idempotencyKey, ...callOptions }) =>
      request(
        transport,
        withdrawAppealEndpoint,
        { params: { appealId }, accessSecret, idempotencyKey },
        callOptions,
      ),
    listSpheres: (query = {}, callOptions) => request(transport, listSpheresEndpoint, { query }, callOptions),
    submitRating: (organizationId, body, { idempotencyKey, ...callOptions }) =>
      request(
        transport,
        submitRatingEndpoint,
        { params: org(organizationId), body, idempotencyKey },
        callOptions,
      ),
    getRatingSummary: (organizationId, callOptions) =>
      request(transport, getRatingSummaryEndpoint, { params: org(organizationId) }, callOptions),
    getRatingRanking: (organizationId, query = {}, callOptions) =>
      request(transport, getRatingRankingEndpoint, { params: org(organizationId), query }, callOptions),
    getRatingAnalytics: (organizationId, query = {}, callOptions) =>
      request(transport, getRatingAnalyticsEndpoint, { params: org(organizationId), query }, callOptions),
  };
}
