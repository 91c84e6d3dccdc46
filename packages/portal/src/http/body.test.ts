import { PLAIN_TEXT_MESSAGE } from '@otklik/client/schemas';
import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseRequest, readJsonBody } from './body.ts';
import { ProblemError, problemResponse } from './problem.ts';

/** A route whose schemas accept any string: only the backstop stands between NUL and the database. */
const app = new Hono()
  .post('/echo', async (c) => c.json(await readJsonBody(c, v.object({ items: v.array(v.string()) }))))
  .get('/find', (c) => c.json(parseRequest('query', v.object({ q: v.string() }), c.req.query())))
  // A patch: every field optional, so valibot's `object` would take an array or deep JSON for it.
  .post('/patch', async (c) =>
    c.json(await readJsonBody(c, v.object({ a: v.optional(v.object({ b: v.optional(v.boolean()) })) }))),
  )
  .post('/pair', async (c) =>
    c.json(await readJsonBody(c, v.object({ a: v.optional(v.object({})), z: v.optional(v.object({})) }))),
  )
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

describe('bytes that are not UTF-8', () => {
  it('a body with them is a 400 malformed-json, not text with U+FFFD in it', async () => {
    const body = Buffer.concat([Buffer.from('{"items":["a'), Buffer.from([0xff, 0xfe]), Buffer.from('"]}')]);
    const res = await app.request('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'malformed-json', detail: 'The body is not valid UTF-8' });
  });

  it('UTF-8 with a byte order mark still parses', async () => {
    const res = await post(`\uFEFF${JSON.stringify({ items: ['Школа'] })}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: ['Школа'] });
  });
});

describe('bodies an object schema with optional fields would take', () => {
  const patch = (body: string) =>
    app.request('/patch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('an array or a scalar for the body is a 422, not an empty patch', async () => {
    for (const body of ['[]', '[{"a":{}}]', '1', '"x"', 'null']) {
      const res = await patch(body);
      expect(res.status, body).toBe(422);
      expect(await res.json()).toMatchObject({
        code: 'validation-failed',
        issues: [{ path: 'body', kind: 'type' }],
      });
    }
    expect((await patch('{"a":{"b":true}}')).status).toBe(200);
  });

  it('an array where the schema wants an object is a 422 on that field, not an empty object', async () => {
    for (const body of ['{"a":[]}', '{"a":[{"b":true}]}']) {
      const res = await patch(body);
      expect(res.status, body).toBe(422);
      expect(await res.json()).toMatchObject({ issues: [{ path: 'body.a', kind: 'type' }] });
    }
    const items = await post(JSON.stringify({ items: ['a', 'b'] }));
    expect(await items.json()).toEqual({ items: ['a', 'b'] });
  });

  it('text that cannot be stored outranks an array for an object; of two arrays, the first in the schema is named', async () => {
    const res = await patch('{"a":[],"x":"a\\u0000"}');
    expect(await res.json()).toMatchObject({ issues: [{ path: 'body.x', message: PLAIN_TEXT_MESSAGE }] });
    const pair = await app.request('/pair', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"z":[],"a":[]}',
    });
    expect(pair.status).toBe(422);
    expect(await pair.json()).toMatchObject({ issues: [{ path: 'body.a', kind: 'type' }] });
  });

  it('JSON nested thousands deep inside a field is a 422, not a stack overflow', async () => {
    const res = await patch(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'validation-failed',
      detail: 'Nested deeper than 32 levels',
    });
  });
});
