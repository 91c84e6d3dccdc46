import {
  AppealParams,
  AppealResult,
  AppealStatus,
  AppealView,
  IsoDate,
  IsoTimestamp,
  Language,
  PageQuery,
  pageOf,
} from '@otklik/client/schemas';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Database } from '../db/types.ts';
import { limitJsonBody, readJsonBody } from '../http/body.ts';
import { send } from '../http/headers.ts';
import { ProblemError, problemResponse, validationProblem } from '../http/problem.ts';
import {
  addStaffMessage,
  answerAppeal,
  audit,
  changeStatus,
  LEFT_WITHOUT_ANSWER_REASONS,
  listQueue,
  staffAppeal,
  staffView,
} from '../store/staff-appeals.ts';
import { toHonoPath } from './public.ts';
import type { RouteRegistry } from './registry.ts';

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const Note = v.optional(Text(2000));

export const StaffAppealSummary = v.object({
  appealId: v.pipe(v.string(), v.uuid()),
  registrationNumber: v.string(),
  type: v.string(),
  status: AppealStatus,
  result: v.nullable(AppealResult),
  registeredAt: IsoTimestamp,
  dueDate: IsoDate,
  overdue: v.boolean(),
});

export const StaffAppeal = v.object({
  ...AppealView.entries,
  language: v.nullable(Language),
  topicId: v.nullable(v.string()),
  text: v.nullable(v.string()),
  applicant: v.object({
    surname: v.nullable(v.string()),
    firstName: v.nullable(v.string()),
    patronymic: v.nullable(v.string()),
    email: v.nullable(v.string()),
    postalAddress: v.nullable(v.string()),
  }),
  coAuthors: v.array(
    v.object({ surname: v.string(), firstName: v.string(), patronymic: v.optional(v.string()) }),
  ),
  identityMethod: v.nullable(v.string()),
  consent: v.object({ version: v.nullable(v.string()), acceptedAt: v.nullable(IsoTimestamp) }),
  forwardedTo: v.nullable(v.string()),
  leftWithoutAnswerReason: v.nullable(v.string()),
  extensions: v.number(),
  overdue: v.boolean(),
  ratingComment: v.nullable(v.string()),
});

export const StaffQueueQuery = v.object({
  status: v.optional(AppealStatus),
  overdue: v.optional(
    v.pipe(
      v.picklist(['true', 'false']),
      v.transform((s) => s === 'true'),
    ),
  ),
  /** Only appeals whose deadline in force is before this date (e.g. "due within a week"). */
  dueBefore: v.optional(IsoDate),
  ...PageQuery,
});

export const StaffAnswerInput = v.object({ result: AppealResult, text: Text(20_000) });
export const StaffStatusInput = v.variant('status', [
  v.object({ status: v.literal('in_review'), note: Note }),
  v.object({ status: v.literal('forwarded'), forwardedTo: Text(500), note: Note }),
  v.object({ status: v.literal('extended'), extendedUntil: IsoDate, note: Note }),
  v.object({
    status: v.literal('left_without_answer'),
    reason: v.picklist(LEFT_WITHOUT_ANSWER_REASONS),
    note: Note,
  }),
]);
export const StaffMessageInput = v.object({ text: Text(10_000) });

const auth = 'Staff only: an API key of the appeal’s organisation (Authorization: Bearer otk_…). Audited.';

/** Staff appeal endpoints, described like the contract's so they appear in the OpenAPI document. */
export const staffAppealEndpoints = {
  listStaffAppeals: {
    method: 'GET',
    path: '/v1/staff/appeals',
    summary: 'The appeal queue by deadline, with filters',
    description: auth,
    tags: ['staff'],
    query: StaffQueueQuery,
    response: pageOf(StaffAppealSummary),
  },
  getStaffAppeal: {
    method: 'GET',
    path: '/v1/staff/appeals/{appealId}',
    summary: 'An appeal with the applicant’s data',
    description: auth,
    tags: ['staff'],
    params: AppealParams,
    response: StaffAppeal,
  },
  answerStaffAppeal: {
    method: 'POST',
    path: '/v1/staff/appeals/{appealId}/answer',
    summary: 'Answer the appeal (status answered, with the result)',
    description: auth,
    tags: ['staff'],
    params: AppealParams,
    body: StaffAnswerInput,
    response: StaffAppeal,
  },
  changeStaffAppealStatus: {
    method: 'POST',
    path: '/v1/staff/appeals/{appealId}/status',
    summary: 'In review, forward by competence, extend, or leave without answer (with the legal reason)',
    description: `${auth} Invalid transitions are refused with 409 \`conflict\`.`,
    tags: ['staff'],
    params: AppealParams,
    body: StaffStatusInput,
    response: StaffAppeal,
  },
  addStaffAppealMessage: {
    method: 'POST',
    path: '/v1/staff/appeals/{appealId}/messages',
    summary: 'Write to the applicant (e.g. to ask for a clarification)',
    description: auth,
    tags: ['staff'],
    params: AppealParams,
    body: StaffMessageInput,
    response: StaffAppeal,
    successStatus: 201,
  },
} as const;

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
  const e = staffAppealEndpoints;
  for (const endpoint of Object.values(e)) registry.add(toHonoPath(endpoint.path), [endpoint.method]);

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
