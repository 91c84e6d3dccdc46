import { endpoints } from '@otklik/client/contract';
import type { Database } from '../db/types.ts';
import { type QueueQuery, queuePage } from '../desk/queue.ts';
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
  const queue = async (actor: StaffActor, organizationId: string, query: QueueQuery) => {
    const page = await queuePage(db, organizationId, query, now(), personOf(actor));
    // A page of appeals is a read of personal data, audited; the counts alone (`limit=0`) are not.
    if (query.limit !== 0)
      await audit(db, actor, 'appeal.queue', null, {
        status: query.status ?? null,
        count: page.items.length,
      });
    return page;
  };
  registerEndpoint(router, endpoints.listStaffAppeals, ({ actor, query }) =>
    queue(actor, actor.organizationId, query),
  );
  registerEndpoint(router, endpoints.listOrganizationAppeals, ({ actor, params, query }) =>
    queue(actor, params.organizationId, query),
  );
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
