import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROBLEM_REASONS, Problem, type ProblemReason } from '@otklik/client/schemas';
import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fieldRefusal, ProblemError, problemResponse, refusal, toFieldIssues } from './problem.ts';

const answer = async (error: ProblemError) => {
  const app = new Hono()
    .get('/', () => {
      throw error;
    })
    .onError((e, c) => problemResponse(c, e as ProblemError));
  const res = await app.request('/');
  return { status: res.status, body: v.parse(Problem, await res.json()) };
};

describe('a refusal names its reason', () => {
  it('with the status and code the contract pairs with it', async () => {
    const { status, body } = await answer(refusal('last-administrator', 'The organisation would be left…'));
    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 'conflict', reason: 'last-administrator' });
    expect(body.detail).toBe('The organisation would be left…');
  });

  it('about one field, on the problem and on the issue', async () => {
    const { status, body } = await answer(fieldRefusal('day-kind-mismatch', 'body.kind', 'Only "working"'));
    expect(status).toBe(422);
    expect(body).toMatchObject({
      code: 'validation-failed',
      reason: 'day-kind-mismatch',
      issues: [{ path: 'body.kind', message: 'Only "working"', reason: 'day-kind-mismatch' }],
    });
  });

  it('a problem without a reason sends none', async () => {
    const { body } = await answer(new ProblemError(404, 'not-found', 'No such thing'));
    expect(body).not.toHaveProperty('reason');
  });

  it('every reason pairs a status with the code that status has', () => {
    for (const [reason, { status, code }] of Object.entries(PROBLEM_REASONS)) {
      const error = refusal(reason as ProblemReason, 'x');
      expect([reason, error.status, error.code]).toEqual([reason, status, code]);
      expect(
        {
          401: ['unauthorized'],
          403: ['forbidden', 'identity-required'],
          404: ['not-found'],
          409: ['conflict'],
          422: ['validation-failed'],
          429: ['rate-limited'],
          503: ['service-unavailable'],
        }[status],
        reason,
      ).toContain(code);
    }
  });

  it('every reason is sent by some place in the portal (none is dead in the contract)', async () => {
    const root = join(import.meta.dirname, '..');
    const files = (await readdir(root, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing'),
    );
    const source = (await Promise.all(files.map((f) => readFile(join(root, f), 'utf8')))).join('\n');
    const unused = Object.keys(PROBLEM_REASONS).filter((reason) => !source.includes(`'${reason}'`));
    expect(unused).toEqual([]);
  });
});

describe('a field issue of the schema names the kind of check', () => {
  const issuesOf = (schema: v.GenericSchema, input: unknown) => {
    const result = v.safeParse(schema, input);
    return toFieldIssues('body', result.issues ?? []).map(({ path, kind, limit }) => ({ path, kind, limit }));
  };
  const Body = v.object({
    name: v.pipe(v.string(), v.minLength(2), v.maxLength(5)),
    email: v.pipe(v.string(), v.email()),
    count: v.pipe(v.number(), v.minValue(1), v.maxValue(9)),
    role: v.picklist(['a', 'b']),
    note: v.pipe(
      v.string(),
      v.check((s) => s !== 'x', 'Not x'),
    ),
  });

  it('required, too short or long, too small or large, format, choice, type; none for a custom check', () => {
    expect(issuesOf(Body, { name: 'a', email: 'no', count: 0, role: 'c', note: 'x' })).toEqual([
      { path: 'body.name', kind: 'too-short', limit: 2 },
      { path: 'body.email', kind: 'format', limit: undefined },
      { path: 'body.count', kind: 'too-small', limit: 1 },
      { path: 'body.role', kind: 'choice', limit: undefined },
      { path: 'body.note', kind: undefined, limit: undefined },
    ]);
    expect(issuesOf(Body, { name: 'abcdefg', email: 'a@b.ru', count: 10, role: 'a', note: 1 })).toEqual([
      { path: 'body.name', kind: 'too-long', limit: 5 },
      { path: 'body.count', kind: 'too-large', limit: 9 },
      { path: 'body.note', kind: 'type', limit: undefined },
    ]);
    expect(issuesOf(Body, {}).map((i) => i.kind)).toEqual(Array(5).fill('required'));
  });
});
