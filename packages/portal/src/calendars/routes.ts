import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import type { StaffActor } from '../staff/actor.ts';
import { calendarYear, deleteCalendarDay, putCalendarDay } from './store.ts';

/** The calendars of non-working days, kept by portal administrators. */
export function registerCalendarRoutes(router: Router<unknown, StaffActor>, db: Database): void {
  registerEndpoint(router, endpoints.getCalendarYear, ({ params }) =>
    calendarYear(db, params.country, params.year),
  );
  registerEndpoint(router, endpoints.putCalendarDay, ({ actor, params, body }) =>
    putCalendarDay(db, params.country, params.date, body, actor.kind === 'person' ? actor.personId : null),
  );
  registerEndpoint(router, endpoints.deleteCalendarDay, async ({ params }) => {
    await deleteCalendarDay(db, params.country, params.date);
    return undefined;
  });
}
