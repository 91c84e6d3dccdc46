/**
 * The portal API as data: every public endpoint with its method, path and the valibot schemas of its
 * path parameters, query and response. The server registers its routes, validates input and
 * publishes its OpenAPI document from this table; the client builds its calls from it. A change to
 * the wire format is therefore a change here, seen by both sides at once.
 */
import type * as v from 'valibot';
import {
  getAppealCounterRoute,
  getOrganizationRoute,
  getWidgetSettingsRoute,
  listServicesRoute,
  searchOrganizationsRoute,
} from './routes.ts';
import { AppealCounter, AppealCounterQuery } from './schemas/appeals.ts';
import {
  Organization,
  OrganizationPage,
  OrganizationParams,
  OrganizationSearchQuery,
  ServiceListQuery,
  ServicePage,
  WidgetSettings,
} from './schemas/organizations.ts';

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
  readonly response: v.GenericSchema;
  /**
   * `organization`: called from widgets on an organisation's site; only that organisation's allowed
   * origins may call it cross-origin. `directory`: public directory data; an origin allowed by any
   * organisation may call it.
   */
  readonly access: 'organization' | 'directory';
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

/** Every public endpoint by name; the server serves exactly these. */
export const endpoints = {
  searchOrganizations: searchOrganizationsEndpoint,
  getOrganization: getOrganizationEndpoint,
  listServices: listServicesEndpoint,
  getWidgetSettings: getWidgetSettingsEndpoint,
  getAppealCounter: getAppealCounterEndpoint,
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
