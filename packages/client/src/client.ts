import type { EndpointDefinition } from './contract.ts';
import {
  getAppealCounterEndpoint,
  getOrganizationEndpoint,
  getWidgetSettingsEndpoint,
  listServicesEndpoint,
  searchOrganizationsEndpoint,
} from './contract.ts';
import {
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
  };
}
