/**
 * Calendars of non-working days per country: the data every deadline is counted with (a term ending
 * on a non-working day moves by its jurisdiction profile's rule). Portal administrators keep them.
 */
import { deleteCalendarDayRoute, getCalendarYearRoute, putCalendarDayRoute } from '../routes/calendars.ts';
import {
  CalendarDay,
  CalendarDayInput,
  CalendarDayParams,
  CalendarYear,
  CalendarYearParams,
} from '../schemas/calendars.ts';
import type { EndpointDefinition } from './endpoint.ts';

const PORTAL =
  'Portal administrators only. Deadlines of appeals filed or extended afterwards follow the change; ' +
  'stored deadlines stay as computed.';

export const getCalendarYearEndpoint = {
  ...getCalendarYearRoute,
  summary: 'A country’s calendar of non-working days for a year',
  description: PORTAL,
  tags: ['staff-access'],
  params: CalendarYearParams,
  response: CalendarYear,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const putCalendarDayEndpoint = {
  ...putCalendarDayRoute,
  summary: 'Mark a day as a holiday, a day off or a working weekend day',
  description: `${PORTAL} \`working\` on a weekday, or \`holiday\`/\`day_off\` on a weekend: 422 on \`body.kind\`.`,
  tags: ['staff-access'],
  params: CalendarDayParams,
  body: CalendarDayInput,
  response: CalendarDay,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;

export const deleteCalendarDayEndpoint = {
  ...deleteCalendarDayRoute,
  summary: 'Return a day to the ordinary week (Monday to Friday worked)',
  description: `${PORTAL} A day without a departure: 404.`,
  tags: ['staff-access'],
  params: CalendarDayParams,
  successStatus: 204,
  access: 'staff',
  permission: 'organizations.manage',
  cacheable: false,
} as const satisfies EndpointDefinition;
