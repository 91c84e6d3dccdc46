import { endpoints } from '@otklik/client/contract';
import { AppealParams } from '@otklik/client/schemas';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import type { Database } from '../db/types.ts';
import { limitJsonBody, readJsonBody } from '../http/body.ts';
import { send } from '../http/headers.ts';
import { ProblemError, problemResponse, validationProblem } from '../http/problem.ts';
import { type RouteRegistry, toHonoPath } from '../http/route-registry.ts';
import { authenticateApiKey } from '../staff/api-keys.ts';
import {
  addStaffMessage,
  answerAppeal,
  audit,
  changeStatus,
  listQueue,
  staffAppeal,
  staffView,
} from './desk.ts';

const jsonOut = (c: Context, body: unknown, status = 200) =>
  send(c, JSON.stringify(body), status as 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });

function appealIdOf(c: Context): string {
  const params = v.safeParse(AppealParams, c.req.param());
  if (!params.success) throw validationProblem('params', params.issues);
  return params.output.appealId;
}

export function registerStaffAppealRoutes(app: Hono, registry: RouteRegistry, db: Database): void {
  const e = endpoints;
  for (const endpoint of [
    e.listStaffAppeals,
    e.getStaffAppeal,
    e.answerStaffAppeal,
    e.changeStaffAppealStatus,
    e.addStaffAppealMessage,
  ])
    registry.add(toHonoPath(endpoint.path), [endpoint.method]);

  app.get(e.listStaffAppeals.path, async (c) => {
    const actor = await authenticateApiKey(c, db);
    const query = v.safeParse(e.listStaffAppeals.query, c.req.query());
    if (!query.success) throw validationProblem('query', query.issues);
    const page = await listQueue(db, actor.organizationId, query.output);
    await audit(db, actor, 'appeal.queue', null, {
      status: query.output.status ?? null,
      count: page.items.length,
    });
    return jsonOut(c, page);
  });
  app.get(toHonoPath(e.getStaffAppeal.path), async (c) => {
    const actor = await authenticateApiKey(c, db);
    const id = appealIdOf(c);
    const view = await db.transaction(async (tx) => {
      const row = await staffAppeal(tx, actor, id);
      await audit(tx, actor, 'appeal.read', id);
      return staffView(tx, row);
    });
    return jsonOut(c, view);
  });
  app.post(toHonoPath(e.answerStaffAppeal.path), limitJsonBody, async (c) => {
    const actor = await authenticateApiKey(c, db);
    const id = appealIdOf(c);
    const body = await readJsonBody(c, e.answerStaffAppeal.body);
    return jsonOut(c, await db.transaction((tx) => answerAppeal(tx, actor, id, body.result, body.text)));
  });
  app.post(toHonoPath(e.changeStaffAppealStatus.path), limitJsonBody, async (c) => {
    const actor = await authenticateApiKey(c, db);
    const id = appealIdOf(c);
    const body = await readJsonBody(c, e.changeStaffAppealStatus.body);
    return jsonOut(c, await db.transaction((tx) => changeStatus(tx, actor, id, body)));
  });
  app.post(toHonoPath(e.addStaffAppealMessage.path), limitJsonBody, async (c) => {
    const actor = await authenticateApiKey(c, db);
    const id = appealIdOf(c);
    const body = await readJsonBody(c, e.addStaffAppealMessage.body);
    return jsonOut(c, await db.transaction((tx) => addStaffMessage(tx, actor, id, body.text)), 201);
  });
}
