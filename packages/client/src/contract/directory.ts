/** The organisation directory: search, profiles, services, the widgets' settings, spheres. */
import {
  getOrganizationRoute,
  getWidgetSettingsRoute,
  listServicesRoute,
  listSpheresRoute,
  searchOrganizationsRoute,
} from '../routes/directory.ts';
import { OrganizationParams } from '../schemas/common.ts';
import {
  Organization,
  OrganizationPage,
  OrganizationSearchQuery,
  ServiceListQuery,
  ServicePage,
  WidgetSettings,
  WidgetSettingsQuery,
} from '../schemas/organizations.ts';
import { SphereList, SphereListQuery } from '../schemas/ratings.ts';
import type { EndpointDefinition } from './endpoint.ts';

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
  description:
    "With `language` (the page's), topics and the consent document come in that language where the " +
    'organisation gives them, else in its first language. The language of the appeal is separate ' +
    '(`appeals.languages`).',
  tags: ['organizations'],
  params: OrganizationParams,
  query: WidgetSettingsQuery,
  response: WidgetSettings,
  access: 'organization',
  cacheable: true,
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
