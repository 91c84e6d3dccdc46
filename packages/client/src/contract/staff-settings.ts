/**
 * An organisation's settings, changed by its staff: its profile, origins (with a check of a site),
 * consent documents, topics, identity methods, attachment rules and how it takes ratings.
 */
import {
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
} from '../routes/staff-settings.ts';
import { OrganizationParams } from '../schemas/common.ts';
import { WidgetSettings } from '../schemas/organizations.ts';
import { CriteriaSet, RatingFormSettings } from '../schemas/ratings.ts';
import {
  AppealOptionsPatch,
  ConsentVersion,
  ConsentVersionBody,
  ConsentVersionList,
  CriteriaSetBody,
  CriteriaSetParams,
  OrganizationSettings,
  OrganizationSettingsPatch,
  OriginBody,
  OriginCheckBody,
  OriginCheckReport,
  OriginList,
  OriginParams,
  RatingSettingsPatch,
  StaffTopic,
  TopicBody,
  TopicList,
  TopicOrderBody,
  TopicParams,
} from '../schemas/staff-settings.ts';
import type { EndpointDefinition } from './endpoint.ts';

const AUTH = 'Staff only: an API key of this organisation (Authorization: Bearer otk_…).';

export const updateOrganizationSettingsEndpoint = {
  ...updateOrganizationSettingsRoute,
  summary: "Change an organisation's name, contacts, jurisdiction profile, languages, time zone, origins",
  description:
    `${AUTH} Fields left out keep their value; \`null\` clears an optional one. The time zone must be an ` +
    'IANA zone; the profile must fit the country (422 naming the field). Resolves to the widget settings.',
  tags: ['staff'],
  params: OrganizationParams,
  body: OrganizationSettingsPatch,
  response: WidgetSettings,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const updateRatingSettingsEndpoint = {
  ...updateRatingSettingsRoute,
  summary: 'Change how an organisation takes ratings (criteria set, identification, limits)',
  description:
    `${AUTH} Fields left out keep their value (or the default). \`criteriaSetId\` must be a built-in ` +
    'set or one of the organisation’s own (else 422). Ratings already given keep their scores; the ' +
    'summary shows the criteria of the current set.',
  tags: ['staff'],
  params: OrganizationParams,
  body: RatingSettingsPatch,
  response: RatingFormSettings,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const putCriteriaSetEndpoint = {
  ...putCriteriaSetRoute,
  summary: "Create or replace one of the organisation's own criteria sets",
  description:
    `${AUTH} Criteria are kept in the given order. A built-in set id or another organisation’s ` +
    'gets 409 `conflict`. Scores of ratings already given are kept.',
  tags: ['staff'],
  params: CriteriaSetParams,
  body: CriteriaSetBody,
  response: CriteriaSet,
  access: 'staff',
  permission: 'settings.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

const staff = { tags: ['staff'], access: 'staff', permission: 'settings.manage' } as const;

export const getOrganizationSettingsEndpoint = {
  ...getOrganizationSettingsRoute,
  ...staff,
  summary: 'Everything staff set about their organisation, in one read',
  description: `${AUTH} With the portal's limits (identity providers it configures, attachment limits).`,
  params: OrganizationParams,
  response: OrganizationSettings,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const addAllowedOriginEndpoint = {
  ...addAllowedOriginRoute,
  ...staff,
  summary: 'Allow a web origin to embed the widgets',
  description: `${AUTH} Adding an origin already allowed changes nothing. At most 50 origins.`,
  params: OrganizationParams,
  body: OriginBody,
  response: OriginList,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const removeAllowedOriginEndpoint = {
  ...removeAllowedOriginRoute,
  ...staff,
  summary: 'Stop a web origin from embedding the widgets',
  description: `${AUTH} The origin in the path is URL-encoded (\`https%3A%2F%2Fschool.example\`).`,
  params: OriginParams,
  response: OriginList,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const checkSiteEndpoint = {
  ...checkSiteRoute,
  ...staff,
  summary: 'Check what a page of the site still needs for the widgets',
  description:
    `${AUTH} The portal fetches the page itself and reports: is its origin allowed, is the loader ` +
    'script there, a mount `<div data-otklik-…>`, does its Content-Security-Policy let the portal in. ' +
    'Addresses that resolve to private, loopback or link-local networks are refused (422 ' +
    '`validation-failed` on `body.pageUrl`) unless the portal is configured to allow them.',
  params: OrganizationParams,
  body: OriginCheckBody,
  response: OriginCheckReport,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listConsentVersionsEndpoint = {
  ...listConsentVersionsRoute,
  ...staff,
  summary: 'The consent document: every published version, newest (current) first',
  description: `${AUTH} Each version with how many appeals accepted it.`,
  params: OrganizationParams,
  response: ConsentVersionList,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const publishConsentVersionEndpoint = {
  ...publishConsentVersionRoute,
  ...staff,
  summary: 'Publish a new version of the consent document',
  description:
    `${AUTH} The new version is current at once: the form asks for it, and an appeal sent with an older ` +
    'version is refused (`consent-required`) so the applicant reads the new one. Appeals already filed ' +
    'keep the version they accepted. Each language gives the address of the document, its text, or both; ' +
    "the organisation's first language is required.",
  params: OrganizationParams,
  body: ConsentVersionBody,
  response: ConsentVersion,
  successStatus: 201,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const listTopicsEndpoint = {
  ...listTopicsRoute,
  ...staff,
  summary: 'Topics of appeals, with their names in each language; archived ones last',
  description: AUTH,
  params: OrganizationParams,
  response: TopicList,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const putTopicEndpoint = {
  ...putTopicRoute,
  ...staff,
  summary: 'Add, rename, archive or restore a topic',
  description:
    `${AUTH} A new topic goes last. An archived topic is no longer offered; appeals that carry it keep ` +
    "it. The name in the organisation's first language is required.",
  params: TopicParams,
  body: TopicBody,
  response: StaffTopic,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const reorderTopicsEndpoint = {
  ...reorderTopicsRoute,
  ...staff,
  summary: 'Put the topics in a new order',
  description: `${AUTH} \`ids\` lists every topic that is not archived, each once (else 422).`,
  params: OrganizationParams,
  body: TopicOrderBody,
  response: TopicList,
  cacheable: false,
} as const satisfies EndpointDefinition;

export const updateAppealOptionsEndpoint = {
  ...updateAppealOptionsRoute,
  ...staff,
  summary: 'Identity methods and attachment rules of the appeal form',
  description:
    `${AUTH} OpenID Connect providers must be ones the portal configures; attachment rules must stay ` +
    "within the portal's limits (422 naming the field). Fields left out keep their value.",
  params: OrganizationParams,
  body: AppealOptionsPatch,
  response: OrganizationSettings,
  cacheable: false,
} as const satisfies EndpointDefinition;
