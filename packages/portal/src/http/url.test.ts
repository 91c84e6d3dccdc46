import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ProblemError, problemResponse } from './problem.ts';
import { refuseMalformedUrl } from './url.ts';

const app = new Hono()
  .use('*', refuseMalformedUrl)
  .get('/find/:id', (c) => c.json({ id: c.req.param('id'), q: c.req.query('q') ?? null }))
  .onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    throw error;
  });

describe('percent-escapes that are not UTF-8', () => {
  it.each([
    '/find/%FF',
    '/find/a%ED%A0%80',
    '/find/x?q=%FF%FE',
    '/find/x?q=%E2%82',
    '/find/x?q=100%',
    '/find/x?a=1&q=%C0%AF',
  ])('%s is a 400 problem', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'bad-request' });
  });

  it('UTF-8 escapes, plus signs and double-encoded escapes pass as text', async () => {
    const res = await app.request('/find/%D1%88?q=a+b%20%25FF%252e');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'ш', q: 'a b %FF%2e' });
  });
});
