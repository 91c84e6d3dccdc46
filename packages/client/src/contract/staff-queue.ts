/**
 * The queue of one named organisation: what the console shows for the organisation a person works
 * in now (a person may hold roles in several). The same query and page as `listStaffAppeals`.
 */
import { listOrganizationAppealsRoute } from '../routes/staff-queue.ts';
import { OrganizationParams } from '../schemas/common.ts';
import { StaffAppealPage, StaffQueueQuery } from '../schemas/staff-appeals.ts';
import type { EndpointDefinition } from './endpoint.ts';

export const listOrganizationAppealsEndpoint = {
  ...listOrganizationAppealsRoute,
  summary: 'The organisation’s appeal queue: deadlines and days left, filters, full-text search, counts',
  description:
    'Staff with `appeals.read` in this very organisation (a role in a parent organisation does not ' +
    'reach the applicants’ data below it). Audited.',
  tags: ['staff'],
  params: OrganizationParams,
  query: StaffQueueQuery,
  response: StaffAppealPage,
  access: 'staff',
  permission: 'appeals.read',
  cacheable: false,
} as const satisfies EndpointDefinition;
