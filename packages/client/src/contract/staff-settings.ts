/** An organisation's settings, changed by its staff: origins and languages, how it takes ratings. */
import {
  putCriteriaSetRoute,
  updateOrganizationSettingsRoute,
  updateRatingSettingsRoute,
} from '../routes/staff-settings.ts';
import { OrganizationParams } from '../schemas/common.ts';
import { WidgetSettings } from '../schemas/organizations.ts';
import { CriteriaSet, RatingFormSettings } from '../schemas/ratings.ts';
import {
  CriteriaSetBody,
  CriteriaSetParams,
  OrganizationSettingsPatch,
  RatingSettingsPatch,
} from '../schemas/staff-settings.ts';
import type { EndpointDefinition } from './endpoint.ts';

const AUTH = 'Staff only: an API key of this organisation (Authorization: Bearer otk_…).';

export const updateOrganizationSettingsEndpoint = {
  ...updateOrganizationSettingsRoute,
  summary: "Change an organisation's allowed origins and languages",
  description: 'Staff only: authenticate with an API key of this organisation (Authorization: Bearer otk_…).',
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
