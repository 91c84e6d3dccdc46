/** Routes of the staff queue of one organisation (the console's queue screen). */

export { listOrganizationAppealsRoute } from './staff-queue/list-organization-appeals.ts';
