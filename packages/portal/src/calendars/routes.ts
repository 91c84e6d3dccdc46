import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import type { StaffActor } from '../staff/actor.ts';
import { auditPortal } from '../staff/audit.ts';
import { calendarYear, deleteCalendarDay, putCalendarDay } from './store.ts';

/** The calendars of non-working days, kept by portal administrators. */
export function registerCalendarRoutes(router: Router<unknown, StaffActor>, db: Database): void {
  registerEndpoint(router, endpoints.getCalendarYear, ({ params }) =>
    calendarYear(db, params.country, params.year),
  );
  // Each change goes to the portal's own audit log: deadlines everywhere in the country follow it.
  registerEndpoint(router, endpoints.putCalendarDay, ({ actor, params, body }) =>
    db.transaction(async (tx) => {
      const day = await putCalendarDay(
        tx,
        params.country,
        params.date,
        body,
        actor.kind === 'person' ? actor.personId : null,
      );
      await auditPortal(tx, actor, 'calendar.day', { country: params.country, date: params.date });
      return day;
    }),
  );
  registerEndpoint(router, endpoints.deleteCalendarDay, async ({ actor, params }) => {
    await db.transaction(async (tx) => {
      await deleteCalendarDay(tx, params.country, params.date);
      await auditPortal(tx, actor, 'calendar.day-removed', { country: params.country, date: params.date });
    });
    return undefined;
  });
}
