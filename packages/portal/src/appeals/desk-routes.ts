import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { queuePage } from '../desk/queue.ts';
import { type Router, registerEndpoint } from '../http/endpoint.ts';
import type { StaffActor } from '../staff/actor.ts';
import { audit } from '../staff/audit.ts';
import { addStaffMessage, answerAppeal, changeStatus, staffAppeal, staffView } from './desk.ts';

const personOf = (actor: StaffActor) => (actor.kind === 'person' ? actor.personId : null);

/** The staff appeal desk: the queue and the appeal, moving it on, answering; every step audited. */
export function registerDeskRoutes(
  router: Router<unknown, StaffActor>,
  db: Database,
  now: () => Date = () => new Date(),
): void {
  registerEndpoint(router, endpoints.listStaffAppeals, async ({ actor, query }) => {
    const page = await queuePage(db, actor.organizationId, query, now(), personOf(actor));
    await audit(db, actor, 'appeal.queue', null, { status: query.status ?? null, count: page.items.length });
    return page;
  });
  registerEndpoint(router, endpoints.listOrganizationAppeals, async ({ actor, params, query }) => {
    const page = await queuePage(db, params.organizationId, query, now(), personOf(actor));
    await audit(db, actor, 'appeal.queue', null, { status: query.status ?? null, count: page.items.length });
    return page;
  });
  registerEndpoint(router, endpoints.getStaffAppeal, async ({ actor, params }) => {
    const row = await staffAppeal(db, actor, params.appealId);
    // The record's reads and its audit row at once (not one transaction's queries in turn): the
    // record is returned only once the audit row is written.
    const [view] = await Promise.all([staffView(db, row), audit(db, actor, 'appeal.read', params.appealId)]);
    return view;
  });
  registerEndpoint(router, endpoints.answerStaffAppeal, async ({ actor, params, body }) =>
    db.transaction((tx) => answerAppeal(tx, actor, params.appealId, body.result, body.text)),
  );
  registerEndpoint(router, endpoints.changeStaffAppealStatus, async ({ actor, params, body }) =>
    db.transaction((tx) => changeStatus(tx, actor, params.appealId, body)),
  );
  registerEndpoint(router, endpoints.addStaffAppealMessage, async ({ actor, params, body }) =>
    db.transaction((tx) => addStaffMessage(tx, actor, params.appealId, body.text)),
  );
}
