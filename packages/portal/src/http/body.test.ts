import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseRequest, readJsonBody } from './body.ts';
import { ProblemError, problemResponse } from './problem.ts';

/** A route whose schemas accept any string: only the backstop stands between NUL and the database. */
const app = new Hono()
  .post('/echo', async (c) => c.json(await readJsonBody(c, v.object({ items: v.array(v.string()) }))))
  .get('/find', (c) => c.json(parseRequest('query', v.object({ q: v.string() }), c.req.query())))
  .onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    throw error;
  });

const post = (body: string) =>
  app.request('/echo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

describe('text that cannot be stored, where a schema forgot to refuse it', () => {
  it('a NUL deep in a body is a 422 naming its path', async () => {
    const res = await post(JSON.stringify({ items: ['fine', 'a\u0000b'] }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'validation-failed',
      issues: [{ path: 'body.items.1' }],
    });
  });

  it('an unpaired surrogate (sent as a JSON escape) is a 422 naming its path', async () => {
    const res = await post('{"items":["\\ud800"]}');
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'body.items.0' }] });
  });

  it('a NUL in a query parameter is a 422 naming it; plain text passes', async () => {
    const res = await app.request(`/find?q=${encodeURIComponent('a\u0000')}`);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'query.q' }] });
    expect((await post(JSON.stringify({ items: ['Школа № 1'] }))).status).toBe(200);
  });
});
